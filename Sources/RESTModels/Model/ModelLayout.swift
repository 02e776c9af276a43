import RESTFramework

/// What the SQL compiler, `fieldValue(_:)` and row decoding would otherwise work out from
/// `columns` on every statement and every field read: the select list, the column names, each
/// column's SQL and type, and a reader per column, once per model type.
///
/// Why: a model's `columns` is a generic `[Column<M>]`, and code generic over the model
/// (querysets, the compiler, serializers reading fields) runs unspecialized, so scanning it
/// copies whole `Column` values through value witnesses; everything here is non-generic, so
/// reading it needs no metadata (figures in docs/profile.md). A model's declaration does not
/// change while the process runs (`columns` is a `static let`), so the layout is kept for the
/// process, shared by the worker threads.
@usableFromInline
final class ModelLayout: Sendable {
    /// One column, without the model type: what statements are built from.
    struct ColumnInfo: Sendable {
        let name: String
        let type: ColumnType
        let isNullable: Bool
        let references: String?
        let choices: [Choice]?
        /// `"notes"."title"`, or an annotation's expression in parentheses.
        let sql: String
        let isWritable: Bool
        /// Filled by the queryset's `annotate` (`Column.annotated`).
        let isPerQueryAnnotation: Bool
    }

    /// `"users"."id", "users"."username", (SELECT ...) AS "author"`
    let selectList: String
    /// `"users"`
    let table: String
    /// Column names in declaration order: `columns[i].name == names[i]`.
    let names: [String]
    /// `names[i].utf8.count`
    let nameLengths: [Int]
    /// `names`, quoted: `"first_name"`.
    let quotedNames: [String]
    let columns: [ColumnInfo]
    /// `readers[i]` reads `columns[i]` from a pointer to an instance of the model.
    let readers: [ColumnReader]
    /// The position of the single-column primary key; nil for a composite one (or one that is
    /// not a column).
    let primaryKeyIndex: Int?
    /// Whether the primary key is a single column (`"pk"` means something).
    let hasSinglePrimaryKey: Bool
    /// `SELECT <selectList> FROM <table>`: the start of every whole-row statement.
    let selectPrefix: String
    /// ` RETURNING <selectList>`
    let returningClause: String
    /// `String(describing: M.self)`, the default `modelName` (worked out once: it is not cheap).
    let typeName: String
    /// The model's declared relations (`Model.relations`), empty for most models: the compiler
    /// looks at them only for a name that is not a column.
    let relations: [RelationInfo]
    /// The model's `properties`, then `get_<column>_display` for each column with choices: names
    /// `fieldValue` answers after the columns and relations.
    let computed: [(name: String, reader: ColumnReader)]

    fileprivate init<M: Model>(_ model: M.Type) {
        let declared = M.columns
        columns = declared.map {
            ColumnInfo(
                name: $0.name, type: $0.type, isNullable: $0.isNullable, references: $0.references, choices: $0.choices,
                sql: $0.sql, isWritable: $0.isWritable, isPerQueryAnnotation: $0.isPerQueryAnnotation)
        }
        readers = declared.map { ColumnReader(read: $0.reader) }
        selectList = declared.map { column in
            column.expression == nil ? column.sql : column.sql + " AS " + SQL.identifier(column.name)
        }.joined(separator: ", ")
        table = SQL.identifier(M.tableName)
        let names = declared.map(\.name)
        self.names = names
        quotedNames = names.map(SQL.identifier)
        nameLengths = names.map(\.utf8.count)
        let key = M.primaryKey.single
        hasSinglePrimaryKey = key != nil
        primaryKeyIndex = key.flatMap { names.firstIndex(of: $0) }
        selectPrefix = "SELECT " + selectList + " FROM " + table
        returningClause = " RETURNING " + selectList
        typeName = String(describing: M.self)
        relations = M.relations.map(\.info)
        computed =
            M.properties.map { ($0.name, ColumnReader(read: $0.reader)) }
            + zip(declared, readers).compactMap { column, reader in
                column.choices.map { choices in
                    let read = reader.read
                    return (
                        ChoiceDisplay.propertyName(ofColumn: column.name),
                        ColumnReader(read: { ChoiceDisplay.name(of: read($0), in: choices) })
                    )
                }
            }
    }

    /// The position of a column in `columns`. A scan: models have a handful of columns, and
    /// equal small strings compare quickly; unequal ones take the standard library's slow path,
    /// so the lengths are compared first.
    func index(of name: String) -> Int? {
        let length = name.utf8.count
        return nameLengths.withUnsafeBufferPointer { lengths in
            for index in lengths.indices where lengths[index] == length && names[index] == name { return index }
            return nil
        }
    }

    /// The position of the column a field name means; `"pk"` is the primary key.
    func index(ofField name: String) -> Int? {
        if hasSinglePrimaryKey && name == "pk" { return primaryKeyIndex }
        return index(of: name)
    }

    @usableFromInline
    static func of<M: Model>(_ model: M.Type) -> ModelLayout {
        unsafeDowncast(layouts.object(for: model) { ModelLayout(model) }, to: ModelLayout.self)
    }

    /// `fieldValue(name)` of the instance of the model at `instance`.
    @usableFromInline
    func value(of name: String, in instance: UnsafeRawPointer) -> FieldValue? {
        // (Lengths first: comparing unequal strings takes the standard library's slow path.)
        let found = name.utf8.count == 2 && name == "pk" ? primaryKeyIndex : index(of: name)
        guard let index = found else { return relatedValue(of: name, in: instance) ?? computedReader(of: name)?.read(instance) }
        return readers[index].read(instance)
    }

    /// The reader of a computed value (`properties`, `get_<column>_display`); a scan, made on
    /// the slow path only (a serializer resolves its readers once).
    func computedReader(of name: String) -> ColumnReader? {
        for entry in computed where entry.name == name { return entry.reader }
        return nil
    }

    /// The error for a field name the model does not have (its relations named too, when it has any).
    func unknownField(_ name: String) -> FieldError {
        FieldError(model: typeName, field: name, validFields: names + relations.map(\.name))
    }

    /// Of `ModelLayout`s, held as `AnyObject` so that the lookup runs specialized (see `SnapshotCache`).
    private static let layouts = SnapshotCache<ObjectIdentifier, any AnyObject & Sendable>()
}

/// The serializers' seam: they read a model's rows through its column readers.
extension ModelLayout: FieldLayoutSource {
    var fieldNames: [String] { names }

    /// The reader of the column a field name means, as `value(of:in:)` finds it.
    func reader(ofField name: String) -> FieldReader? {
        let found = name.utf8.count == 2 && name == "pk" ? primaryKeyIndex : index(of: name)
        if let found { return readers[found].read }
        return computedReader(of: name)?.read
    }

    /// A name across relations (`"account.name"`): its value may be missing (an empty relation
    /// on the way), which a column's never is.
    func partialReader(ofField name: String) -> PartialFieldReader? { relatedReader(ofField: name) }
}

/// A column's reader in a struct: an array of bare closures holds them at the generic
/// abstraction, so every call went through a reabstraction thunk (or two).
struct ColumnReader: Sendable {
    let read: FieldReader
}
