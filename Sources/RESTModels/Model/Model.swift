import PostgreSQL
import RESTFramework

/// Django's `Model`: a Swift type mapped to a table. The declaration is data: the table, the
/// primary key, and the fields, each once, over the memberwise initializer (`Fields`): the
/// columns with their types (the SQL compiler coerces query values to them and validates every
/// field name against them) and the decoding of a row come from it.
///
///     struct Note: Model {
///         var id: Int64, title: String, body: String, authorID: Int64, author: String, created: DateTime
///
///         static let tableName = "notes"
///         static let fields = Fields(
///             Note.init,  // the memberwise initializer: the fields follow the properties' order
///             Field("id", \.id), Field("title", \.title), Field("body", \.body),
///             Field("author_id", \.authorID, references: "users"),
///             // Read-only, computed in the same statement: no query per row.
///             .annotation("author", \.author, sql: "SELECT username FROM users WHERE users.id = notes.author_id"),
///             Field("created", \.created))
///     }
///
///     let notes = try Note.objects.using(connection).filter(.field("author_id", .exact(7))).orderBy("-id").all()
///
/// A model that decodes its rows itself (Django's `from_db`) declares no `fields` and writes
/// `columns` (a `[Column<Self>]`) and `init(row:)` (see `ModelRow`) instead.
///
/// `fieldValue(_:)` (what serializers and the in-memory queryset read) comes from the columns'
/// key paths; `"pk"` names the primary key. `ModelCheck` compares the declaration with the table
/// at startup.
public protocol Model: FieldReadable, Sendable {
    /// The table (static text from the model author; quoted in SQL).
    static var tableName: String { get }
    /// The name in `No User matches the given query.` and the router's basename; default: the type's name.
    static var modelName: String { get }
    /// The primary key's column(s); default `"id"`.
    static var primaryKey: PrimaryKey { get }
    /// What `columns` and `init(row:)` come from: a `Fields` (`static let fields = Fields(...)`),
    /// or nothing for a model that writes both itself (custom decoding, as Django's `from_db`).
    associatedtype Declaration: Sendable
    static var fields: Declaration { get }
    /// Every column the model reads and writes, annotations included, in `SELECT` order; from
    /// `fields`, or a `static let` written out.
    static var columns: [Column<Self>] { get }
    /// Django's `Meta.ordering`: the order of a queryset that sets none; default: none.
    static var ordering: [OrderTerm] { get }
    /// Foreign keys, one-to-ones, many-to-manys and reverse relations, by name (`Relation`);
    /// default: none. Declare it as a `static let`.
    static var relations: [Relation<Self>] { get }
    /// Django's `Meta.unique_together`: sets of field names (columns, or a foreign key's relation
    /// name) unique together in the table (`[["account", "name"]]`); default: none. A
    /// `ModelSerializer` gets a `UniqueTogetherValidator` for each; `ModelCheck` checks the
    /// table has the constraint.
    static var uniqueTogether: [[String]] { get }
    /// Values computed from the model's fields that serializers can name as a `source`
    /// (Django's model methods and properties, `ModelProperty`); default: none. Declare it as a
    /// `static let`.
    static var properties: [ModelProperty<Self>] { get }
    /// Decodes one row of `SELECT <columns>` (or `RETURNING <columns>`); from `fields`, or
    /// written out.
    init(row: ModelRow) throws
    /// `init(row:)` from `fields` (what the default `init(row:)` calls).
    ///
    /// Not the default `init(row:)` itself: an initializer in an extension that depends on
    /// `Declaration` makes `Note.init` (the memberwise initializer that `fields` is built from)
    /// ambiguous while `Declaration` is being inferred, and the inference fails.
    static func decodeDeclared(_ row: ModelRow) throws -> Self
}

extension Model {
    /// A model that writes `columns` and `init(row:)` itself declares no `fields`.
    public static var fields: HandWrittenColumns { HandWrittenColumns() }

    /// `@inlinable` so that the witness, compiled where the model conforms, decodes with
    /// `Fields.decode` specialized for the model's property types.
    @inlinable @inline(__always)
    public init(row: ModelRow) throws { self = try Self.decodeDeclared(row) }
}

extension Model where Declaration == HandWrittenColumns {
    /// Reached only by a model that declares neither `fields` nor `init(row:)`.
    public static func decodeDeclared(_ row: ModelRow) throws -> Self {
        throw PostgresError(
            kind: .decoding, message: "\(Self.self) declares neither `static let fields = Fields(...)` nor `init(row:)`")
    }
}

extension Model where Declaration: ModelDeclaration, Declaration.DeclaredModel == Self {
    public static var columns: [Column<Self>] { fields.columns }

    @inlinable @inline(__always)
    public static func decodeDeclared(_ row: ModelRow) throws -> Self { try fields.decode(row) }
}

extension Model {
    /// `String(describing: Self.self)`, worked out once per type.
    public static var modelName: String { ModelLayout.of(Self.self).typeName }
    public static var primaryKey: PrimaryKey { "id" }
    public static var ordering: [OrderTerm] { [] }
    public static var relations: [Relation<Self>] { [] }
    public static var uniqueTogether: [[String]] { [] }
    public static var properties: [ModelProperty<Self>] { [] }

    /// The column's value by name; `"pk"` is the primary key (nil for a composite one).
    ///
    /// Serializers call it for every field of every row: one lookup of the model's layout (no
    /// generic metadata), a scan of the column names, and the column's reader on `self` in place.
    /// `@inlinable` so that the witness in the model's module is compiled for the model's type.
    @inlinable
    public func fieldValue(_ name: String) -> FieldValue? {
        let layout = ModelLayout.of(Self.self)
        return withUnsafePointer(to: self) { layout.value(of: name, in: UnsafeRawPointer($0)) }
    }

    /// The related instance of a to-one relation, when it has been read (`selectRelated`,
    /// `prefetchRelated`): what a dotted serializer `source` follows.
    public func relatedObject(_ name: String) -> (any FieldReadable)? {
        let layout = ModelLayout.of(Self.self)
        return withUnsafePointer(to: self) { layout.relatedInstance(name, in: UnsafeRawPointer($0)) }
    }

    /// The model's column readers, through which serializers read its rows.
    public static var fieldLayout: FieldLayout? { FieldLayout(ModelLayout.of(Self.self)) }

    /// The primary key's values, in `primaryKey` order.
    var primaryKeyValues: [(column: String, value: FieldValue)] {
        Self.primaryKey.columns.map { ($0, fieldValue($0) ?? .null) }
    }
}

/// A model's primary key: one column (`"id"`) or several (`["account_id", "user_id"]`).
///
///     static let primaryKey: PrimaryKey = ["account_id", "user_id"]
public struct PrimaryKey: Sendable, Hashable, ExpressibleByStringLiteral, ExpressibleByArrayLiteral {
    public let columns: [String]
    public init(_ columns: [String]) {
        precondition(!columns.isEmpty, "a primary key needs at least one column")
        self.columns = columns
    }
    public init(stringLiteral value: String) { self.init([value]) }
    public init(arrayLiteral elements: String...) { self.init(elements) }
    /// The column when the key has exactly one.
    public var single: String? { columns.count == 1 ? columns[0] : nil }
}
