import Foundation
import PostgreSQL

/// A statement being compiled: its `$n` parameters, its shape, and (when rendering) its text.
/// Values only ever enter as parameters; the text holds identifiers from model declarations and
/// fixed keywords, so the same query shape always gives the same text (and reuses the
/// connection's prepared statement).
///
/// The text is made of pieces whose text never changes while the process runs: keywords
/// (`StaticString`s), a model layout's table, select list and column SQL, and placeholders
/// (`$3::int8`). `shape` records one token per piece (a keyword's address, the layout and
/// column, the placeholder's number and type), so it determines the text; `SQLBuilder.statement`
/// compiles once without text, looks the shape up among the texts this thread has rendered, and
/// renders (compiles again, building the string) only for a shape it has not seen: string
/// building was most of a statement's compilation.
struct SQLBuilder {
    var parameters: [any PostgresEncodable] = []
    private(set) var shape = Shape()
    private(set) var text = ""
    /// Whether `text` is built (a shape seen for the first time on this thread).
    let rendering: Bool
    /// The per-query annotations of the query being compiled (`AnnotationScope`); nil for
    /// a query without.
    var annotations: AnnotationScope?
    /// The first error an annotation's expression threw inside `append`, which cannot throw;
    /// `statement` throws it.
    var deferredError: (any Error)?
    /// The next table alias (`"T1"`, `"T2"`...) of a statement with relations: numbered per
    /// statement, so subqueries compiled into it never reuse one.
    var nextAlias = 1

    mutating func newAlias() -> Int {
        defer { nextAlias += 1 }
        return nextAlias
    }

    init(rendering: Bool) {
        self.rendering = rendering
        parameters.reserveCapacity(4)
    }

    /// The tokens of a statement's pieces, with a hash kept as they are appended (one multiply
    /// per token, rather than the standard hasher over the whole array at the lookup).
    struct Shape: Hashable {
        private(set) var tokens: [UInt64] = []
        private var digest: UInt64 = 0xcbf2_9ce4_8422_2325

        init() { tokens.reserveCapacity(24) }

        mutating func append(_ token: UInt64) {
            tokens.append(token)
            digest = (digest ^ token) &* 0x0000_0100_0000_01b3
            digest ^= digest >> 29
        }

        func hash(into hasher: inout Hasher) { hasher.combine(digest) }

        static func == (a: Shape, b: Shape) -> Bool { a.digest == b.digest && a.tokens == b.tokens }
    }

    /// The pieces of a model's layout a statement uses.
    enum LayoutPiece: UInt64 {
        /// `"users"`
        case table = 1
        /// `SELECT <select list> FROM "users"`
        case selectPrefix
        /// ` RETURNING <select list>`
        case returning
        /// A column's SQL (`"users"."id"`, an annotation's expression).
        case columnSQL
        /// A column's quoted name (`"id"`), for INSERT and UPDATE.
        case quotedName
        /// The select list alone (`"users"."id", ...`), for a row with its related rows.
        case selectList
    }

    // Token tags, in the top byte; a keyword's token is its address (user-space addresses leave
    // the top byte zero).
    private static let layoutTag: UInt64 = 1 << 56
    private static let placeholderTag: UInt64 = 2 << 56
    private static let leafTag: UInt64 = 3 << 56
    private static let guardTag: UInt64 = 4 << 56
    private static let aliasTag: UInt64 = 5 << 56
    private static let relationTag: UInt64 = 6 << 56

    mutating func append(_ keyword: StaticString) {
        shape.append(UInt64(UInt(bitPattern: keyword.utf8Start)))
        if rendering { text += keyword.description }
    }

    mutating func append(_ piece: LayoutPiece, of layout: ModelLayout, column: Int = 0) {
        // A column the query annotates is its annotation's expression wherever it is named.
        // (A nil test first: most queries have no annotations.)
        if let scope = annotations, piece == .columnSQL, let entry = scope.entry(for: layout, column: column) {
            return appendAnnotation(entry)
        }
        shape.append(Self.layoutTag | piece.rawValue << 32 | UInt64(column))
        shape.append(UInt64(UInt(bitPattern: ObjectIdentifier(layout))))
        guard rendering else { return }
        switch piece {
        case .table: text += layout.table
        case .selectPrefix: text += layout.selectPrefix
        case .returning: text += layout.returningClause
        case .columnSQL: text += layout.columns[column].sql
        case .quotedName: text += layout.quotedNames[column]
        case .selectList: text += layout.selectList
        }
    }

    /// A table alias of a statement with relations: `"T3"`.
    mutating func append(alias: Int) {
        shape.append(Self.aliasTag | UInt64(alias))
        if rendering { text += "\"T" + String(alias) + "\"" }
    }

    /// The pieces of a many-to-many's join table.
    enum RelationPiece: UInt64 {
        case throughTable = 1, throughSource, throughTarget
    }

    mutating func append(_ piece: RelationPiece, of relation: RelationInfo) {
        shape.append(Self.relationTag | piece.rawValue)
        shape.append(UInt64(UInt(bitPattern: ObjectIdentifier(relation))))
        guard rendering, let through = relation.through else { return }
        switch piece {
        case .throughTable: text += through.table
        case .throughSource: text += through.source
        case .throughTarget: text += through.target
        }
    }

    /// A column of a table by its alias (0: the table's own name, `"tasks"."title"`; else `"T3"."title"`).
    mutating func append(column: Int, of layout: ModelLayout, alias: Int) {
        if alias == 0 { return append(.columnSQL, of: layout, column: column) }
        append(alias: alias)
        append(".")
        append(.quotedName, of: layout, column: column)
    }

    /// Adds a parameter and its placeholder with its type (`$3::int8`). Numbering is global to
    /// the statement, so subqueries compiled into the same builder are numbered correctly.
    ///
    /// The cast is in the text because a prepared statement keeps the parameter types of its
    /// first execution: `"n" = $1` prepared for an int8 would read a later float8 `3.5` as a
    /// bigint. With the type in the text, equal texts always mean equal types.
    mutating func bind(_ value: any PostgresEncodable) {
        parameters.append(value)
        let number = parameters.count
        let typeIndex = Self.typeIndex(type(of: value).postgresDataType.rawValue)
        shape.append(Self.placeholderTag | UInt64((typeIndex ?? 255) + 1) << 32 | UInt64(number))
        guard rendering else { return }
        if number <= Self.cachedNumbers, let typeIndex {
            text += Self.placeholders[typeIndex][number - 1]
        } else {
            text += Self.placeholder(number, typeIndex: typeIndex)
        }
    }

    /// Starts a lookup's SQL, which `endLeaf` may wrap in `COALESCE(..., FALSE)`; pass what
    /// this returns to `endLeaf`.
    mutating func beginLeaf() -> String {
        shape.append(Self.leafTag)
        guard rendering else { return "" }
        defer { text = "" }
        return text
    }

    mutating func endLeaf(_ before: String, coalesced: Bool) {
        shape.append(Self.guardTag | (coalesced ? 1 : 0))
        guard rendering else { return }
        text = coalesced ? before + "COALESCE(" + text + ", FALSE)" : before + text
    }

    /// The statement `compile` builds, its text rendered once per shape per thread.
    /// `compile` must depend only on its captures (it runs twice for a new shape).
    static func statement(_ compile: (inout SQLBuilder) throws -> Void) throws -> SQLStatement {
        var sql = SQLBuilder(rendering: false)
        try compile(&sql)
        if let error = sql.deferredError { throw error }
        let cache = StatementTextCache.current
        if let text = cache.texts[sql.shape] { return SQLStatement(text: text, parameters: sql.parameters) }
        var rendered = SQLBuilder(rendering: true)
        try compile(&rendered)
        assert(rendered.shape == sql.shape, "a statement's shape changed between two compilations")
        cache.store(rendered.text, for: rendered.shape)
        return SQLStatement(text: rendered.text, parameters: rendered.parameters)
    }

    /// The types given a cast, in `placeholders`' order.
    private static let typeNames = [
        "bool", "int8", "text", "float8", "timestamptz",
        "bool[]", "int8[]", "text[]", "float8[]", "timestamptz[]",
    ]

    private static func typeIndex(_ oid: UInt32) -> Int? {
        switch oid {
        case 16: 0
        case 20: 1
        case 25: 2
        case 701: 3
        case 1184: 4
        case 1000: 5
        case 1016: 6
        case 1009: 7
        case 1022: 8
        case 1185: 9
        default: nil
        }
    }

    private static func placeholder(_ number: Int, typeIndex: Int?) -> String {
        let placeholder = "$" + String(number)
        guard let typeIndex else { return placeholder }
        return placeholder + "::" + typeNames[typeIndex]
    }

    /// `placeholders[type][n - 1]` is `$n::type`, made once rather than per parameter.
    private static let cachedNumbers = 16
    private static let placeholders: [[String]] = typeNames.indices.map { typeIndex in
        (1...cachedNumbers).map { placeholder($0, typeIndex: typeIndex) }
    }
}

/// The statement texts one thread has rendered, by shape. Per thread (worker threads live for
/// the process), so reads take no lock; bounded, since shapes come from code and declared
/// fields but filters from query strings combine them.
final class StatementTextCache {
    private(set) var texts: [SQLBuilder.Shape: String] = [:]
    private static let limit = 512

    func store(_ text: String, for shape: SQLBuilder.Shape) {
        guard texts.count < Self.limit else { return }
        texts[shape] = text
    }

    static var current: StatementTextCache {
        if let existing = pthread_getspecific(threadKey) {
            return Unmanaged<StatementTextCache>.fromOpaque(existing).takeUnretainedValue()
        }
        let cache = StatementTextCache()
        pthread_setspecific(threadKey, Unmanaged.passRetained(cache).toOpaque())
        return cache
    }
}

/// Frees a thread's `StatementTextCache` when the thread exits.
private let threadKey: pthread_key_t = {
    var key = pthread_key_t()
    let status = pthread_key_create(&key) { cache in
        if let cache { Unmanaged<StatementTextCache>.fromOpaque(cache).release() }
    }
    precondition(status == 0, "pthread_key_create failed: \(status)")
    return key
}()

/// A finished statement.
struct SQLStatement {
    var text: String
    var parameters: [any PostgresEncodable]
}

enum SQL {
    /// Whether `text` holds a NUL byte (which no PostgreSQL text can): `memchr` over the UTF-8
    /// in place, not a byte-at-a-time iterator.
    static func containsNUL(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            guard let base = bytes.baseAddress, !bytes.isEmpty else { return false }
            return memchr(base, 0, bytes.count) != nil
        }
    }

    /// A quoted identifier: `"users"`. Only ever applied to names from model declarations.
    /// (Plain Swift rather than Foundation's `replacingOccurrences`, which bridges through
    /// NSString: once the largest cost of a statement.)
    static func identifier(_ name: String) -> String {
        guard name.utf8.contains(UInt8(ascii: "\"")) else { return "\"" + name + "\"" }
        var quoted = "\""
        for character in name.unicodeScalars {
            if character == "\"" { quoted.unicodeScalars.append("\"") }
            quoted.unicodeScalars.append(character)
        }
        return quoted + "\""
    }

    /// A LIKE pattern matching `text` literally (`\` is LIKE's default escape character).
    static func likeEscaped(_ text: String) -> String {
        var escaped = ""
        for character in text.unicodeScalars {
            if character == "\\" || character == "%" || character == "_" { escaped.unicodeScalars.append("\\") }
            escaped.unicodeScalars.append(character)
        }
        return escaped
    }
}
