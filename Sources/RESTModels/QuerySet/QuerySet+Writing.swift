import PostgreSQL
import RESTFramework

/// The writing side: INSERT/UPDATE ... RETURNING and DELETE, one statement each. Values are
/// keyed by column name (`"pk"` for the primary key; `"owner"` for a foreign key column
/// `"owner_id"`, as Django's `owner=`), coerced to the column's type; unknown or read-only
/// columns throw before anything is sent.
extension QuerySet {
    /// `INSERT ... RETURNING`: the new row as the database stored it (defaults, serial id,
    /// annotations computed).
    ///
    ///     let note = try Note.objects(on: request).insert(["title": "Hi", "author_id": .int(7)])
    public func insert(_ values: ValidatedData) throws -> M {
        let assignments = try Self.assignments(values)
        var sql = SQLBuilder()
        let layout = ModelLayout.of(M.self)
        var text = "INSERT INTO " + layout.table
        if assignments.isEmpty {
            text += " DEFAULT VALUES"
        } else {
            text += " (" + assignments.map { SQL.identifier($0.column.name) }.joined(separator: ", ") + ") VALUES ("
            text += assignments.map { sql.bind(SQLParameter.make($0.value, as: $0.column.type)) }.joined(separator: ", ") + ")"
        }
        text += layout.returningClause
        let result = try StatementRunner.query(SQLStatement(text: text, parameters: sql.parameters), on: requireConnection())
        return try M(row: ModelRow(result[0], layout: layout))
    }

    public func insert(_ values: [String: FieldValue]) throws -> M { try insert(ValidatedData(values.map { ($0.key, $0.value) })) }

    /// Django's `update(**values)`: sets the columns on every matching row; the number of rows.
    public func update(_ values: ValidatedData) throws -> Int {
        let assignments = try Self.assignments(values)
        guard !assignments.isEmpty else { return try count() }
        var sql = SQLBuilder()
        let text = try updateStatement(assignments, extra: [], into: &sql)
        return try StatementRunner.query(SQLStatement(text: text, parameters: sql.parameters), on: requireConnection()).rowsAffected
    }

    public func update(_ values: [String: FieldValue]) throws -> Int { try update(ValidatedData(values.map { ($0.key, $0.value) })) }

    /// Updates one row (by its primary key, within this queryset) and returns it as stored:
    /// what `ModelSerializer.update` saves with. `ModelError.doesNotExist` when it is gone.
    public func update(_ object: M, with values: ValidatedData) throws -> M {
        let byKey = object.primaryKeyValues.map { Predicate.field($0.column, .exact($0.value)) }
        let assignments = try Self.assignments(values)
        guard !assignments.isEmpty else { return try filter(.and(byKey)).get() }
        var sql = SQLBuilder()
        let layout = ModelLayout.of(M.self)
        let text = try updateStatement(assignments, extra: byKey, into: &sql) + layout.returningClause
        let result = try StatementRunner.query(SQLStatement(text: text, parameters: sql.parameters), on: requireConnection())
        guard let row = result.first else { throw ModelError.doesNotExist(model: M.modelName) }
        return try M(row: ModelRow(row, layout: layout))
    }

    /// Django's `delete()` on a queryset: the number of rows deleted (cascades are the
    /// database's business).
    @discardableResult
    public func delete() throws -> Int {
        if let error = query.compositionError { throw error }
        guard !query.isSliced else { throw ModelError.unsupported("Cannot use 'limit' or 'offset' with delete().") }
        var sql = SQLBuilder()
        let text = "DELETE FROM " + QueryCompiler<M>.table + (try QueryCompiler<M>.whereClause(query.predicates, into: &sql))
        return try StatementRunner.query(SQLStatement(text: text, parameters: sql.parameters), on: requireConnection()).rowsAffected
    }

    /// Django's `instance.delete()`: deletes the row with the object's primary key.
    public func delete(_ object: M) throws {
        try QuerySet(connection: requireConnection())
            .filter(.and(object.primaryKeyValues.map { .field($0.column, .exact($0.value)) }))
            .delete()
    }

    // MARK: Statements

    private func updateStatement(_ assignments: [(column: ModelLayout.ColumnInfo, value: FieldValue)], extra: [Predicate],
                                 into sql: inout SQLBuilder) throws -> String {
        if let error = query.compositionError { throw error }
        guard !query.isSliced else { throw ModelError.unsupported("Cannot update a query once a slice has been taken.") }
        var text = "UPDATE " + QueryCompiler<M>.table + " SET "
        text += assignments.map { SQL.identifier($0.column.name) + " = " + sql.bind(SQLParameter.make($0.value, as: $0.column.type)) }
            .joined(separator: ", ")
        return text + (try QueryCompiler<M>.whereClause(query.predicates + extra, into: &sql))
    }

    /// The values as (column, coerced value), in the model's column order: the statement's text
    /// depends only on which columns are written, never on the values or the caller's key order.
    static func assignments(_ values: ValidatedData) throws -> [(column: ModelLayout.ColumnInfo, value: FieldValue)] {
        var byName: [String: FieldValue] = [:]
        for (key, value) in values {
            let column = try writableColumn(key)
            byName[column.name] = try coerceForWrite(value, column)
        }
        return ModelLayout.of(M.self).columns.compactMap { column in byName[column.name].map { (column, $0) } }
    }

    static func writableColumn(_ key: String) throws -> ModelLayout.ColumnInfo {
        let layout = ModelLayout.of(M.self)
        let column: ModelLayout.ColumnInfo
        if let found = try? QueryCompiler<M>.column(key, in: layout) {
            column = found
        } else if let foreignKey = layout.columns.first(where: { $0.name == key + "_id" && $0.references != nil }) {
            column = foreignKey
        } else {
            throw QueryValueError.unknownField(key)
        }
        guard column.isWritable else { throw ModelError.readOnlyColumn(model: M.modelName, column: column.name) }
        return column
    }

    /// A value to store: coerced as in queries, but an integer column takes only integers.
    static func coerceForWrite(_ value: FieldValue, _ column: ModelLayout.ColumnInfo) throws -> FieldValue {
        let coerced = try value.coerced(like: column.type.sample, field: column.name)
        if column.type == .int, case .double(let d) = coerced {
            guard let exact = Int64(exactly: d) else {
                throw QueryValueError.cannotCoerce(field: column.name, value: value, to: "a 64-bit integer")
            }
            return .int(exact)
        }
        return coerced
    }
}
