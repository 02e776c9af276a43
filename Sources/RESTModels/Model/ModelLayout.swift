import RESTFramework

/// What the SQL compiler and `fieldValue(_:)` would otherwise work out from `columns` on every
/// statement and every field read: the select list and the column names, once per model type.
///
/// Why a cache: a model's `columns` is a generic `[Column<M>]`, and code generic over the model
/// (querysets, the compiler, serializers reading fields) runs unspecialized, so scanning it
/// copies whole `Column` values through value witnesses: measured, joining the select list and
/// finding columns by name was ~100k instructions of a ~800k-instruction retrieve. A model's
/// declaration does not change while the process runs (`columns` is a `static let`), so the
/// result is kept for the process; it is shared by the worker threads (`TypeCache`: lock-free reads).
final class ModelLayout: Sendable {
    /// `"users"."id", "users"."username", (SELECT ...) AS "author"`
    let selectList: String
    /// `"users"`
    let table: String
    /// Column names in declaration order: `columns[i].name == names[i]`.
    let names: [String]

    private init<M: Model>(_ model: M.Type) {
        let columns = M.columns
        selectList = columns.map { column in
            column.expression == nil ? column.sql : column.sql + " AS " + SQL.identifier(column.name)
        }.joined(separator: ", ")
        table = SQL.identifier(M.tableName)
        names = columns.map(\.name)
    }

    /// The position of a column in `columns`. A scan: models have a handful of columns, and
    /// equal small strings compare in a few instructions.
    func index(of name: String) -> Int? {
        names.firstIndex(of: name)
    }

    private static let cache = TypeCache<ModelLayout>()

    static func of<M: Model>(_ model: M.Type) -> ModelLayout {
        cache.value(for: model) { ModelLayout(model) }
    }
}
