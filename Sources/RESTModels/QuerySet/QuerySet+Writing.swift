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
        let layout = ModelLayout.of(M.self)
        let statement = try SQLBuilder.statement { sql in
            sql.append("INSERT INTO ")
            sql.append(.table, of: layout)
            if assignments.isEmpty {
                sql.append(" DEFAULT VALUES")
            } else {
                // By position, reading the fields in place: iterating the elements copied each
                // whole assignment, its column's four strings included.
                sql.append(" (")
                for position in assignments.indices {
                    if position > 0 { sql.append(", ") }
                    sql.append(.quotedName, of: layout, column: assignments[position].index)
                }
                sql.append(") VALUES (")
                for position in assignments.indices {
                    if position > 0 { sql.append(", ") }
                    sql.bind(SQLParameter.make(assignments[position].value, as: assignments[position].column.type))
                }
                sql.append(")")
            }
            try appendReturning(into: &sql)
        }
        let result = try StatementRunner.query(statement, on: requirePrimary())
        return try M(row: ModelRow(result[0], layout: layout))
    }

    public func insert(_ values: [String: FieldValue]) throws -> M { try insert(ValidatedData(values.map { ($0.key, $0.value) })) }

    /// Django's `update(**values)`: sets the columns on every matching row; the number of rows.
    public func update(_ values: ValidatedData) throws -> Int {
        let assignments = try Self.assignments(values)
        guard !assignments.isEmpty else { return try count() }
        let statement = try SQLBuilder.statement { sql in try updateStatement(assignments, extra: [], into: &sql) }
        return try StatementRunner.query(statement, on: requirePrimary()).rowsAffected
    }

    public func update(_ values: [String: FieldValue]) throws -> Int { try update(ValidatedData(values.map { ($0.key, $0.value) })) }

    /// Updates one row (by its primary key, within this queryset) and returns it as stored:
    /// what `ModelSerializer.update` saves with. `ModelError.doesNotExist` when it is gone.
    public func update(_ object: M, with values: ValidatedData) throws -> M {
        let byKey = object.primaryKeyValues.map { Predicate.field($0.column, .exact($0.value)) }
        let assignments = try Self.assignments(values)
        guard !assignments.isEmpty else { return try filter(.and(byKey)).get() }
        let layout = ModelLayout.of(M.self)
        let statement = try SQLBuilder.statement { sql in
            try updateStatement(assignments, extra: byKey, into: &sql)
            try appendReturning(into: &sql)
        }
        let result = try StatementRunner.query(statement, on: requirePrimary())
        guard let row = result.first else { throw ModelError.doesNotExist(model: M.modelName) }
        return try M(row: ModelRow(row, layout: layout))
    }

    /// Django's `delete()` on a queryset: the number of rows deleted (cascades are the
    /// database's business).
    @discardableResult
    public func delete() throws -> Int {
        if let error = query.compositionError { throw error }
        guard !query.isSliced else { throw ModelError.unsupported("Cannot use 'limit' or 'offset' with delete().") }
        let predicates = query.predicates
        let annotations = query.annotations
        let statement = try SQLBuilder.statement { sql in
            let layout = ModelLayout.of(M.self)
            sql.annotations = try AnnotationScope.make(annotations, over: layout)
            sql.append("DELETE FROM ")
            sql.append(.table, of: layout)
            try QueryCompiler<M>.whereClause(predicates, in: layout, into: &sql)
        }
        return try StatementRunner.query(statement, on: requirePrimary()).rowsAffected
    }

    /// Django's `instance.delete()`: deletes the row with the object's primary key.
    public func delete(_ object: M) throws {
        try QuerySet(connection: requirePrimary())
            .filter(.and(object.primaryKeyValues.map { .field($0.column, .exact($0.value)) }))
            .delete()
    }

    // MARK: Statements

    private func updateStatement(_ assignments: [Assignment], extra: [Predicate], into sql: inout SQLBuilder) throws {
        if let error = query.compositionError { throw error }
        guard !query.isSliced else { throw ModelError.unsupported("Cannot update a query once a slice has been taken.") }
        let layout = ModelLayout.of(M.self)
        sql.annotations = try AnnotationScope.make(query.annotations, over: layout)
        sql.append("UPDATE ")
        sql.append(.table, of: layout)
        sql.append(" SET ")
        for position in assignments.indices {
            if position > 0 { sql.append(", ") }
            sql.append(.quotedName, of: layout, column: assignments[position].index)
            sql.append(" = ")
            sql.bind(SQLParameter.make(assignments[position].value, as: assignments[position].column.type))
        }
        try QueryCompiler<M>.whereClause(query.predicates + extra, in: layout, into: &sql)
    }

    /// A column to write (its position in the layout) and its coerced value.
    typealias Assignment = (index: Int, column: ModelLayout.ColumnInfo, value: FieldValue)

    /// The values as (column, coerced value), in the model's column order: the statement's text
    /// depends only on which columns are written, never on the values or the caller's key order.
    static func assignments(_ values: ValidatedData) throws -> [Assignment] {
        let layout = ModelLayout.of(M.self)
        // By column position (a later key for the same column wins, as in a dictionary).
        var byIndex = [FieldValue?](repeating: nil, count: layout.columns.count)
        for (key, value) in values {
            let index = try writableColumnIndex(key, in: layout)
            byIndex[index] = try coerceForWrite(value, layout.columns[index])
        }
        var assignments: [Assignment] = []
        assignments.reserveCapacity(layout.columns.count)
        for (index, value) in byIndex.enumerated() {
            if let value { assignments.append((index, layout.columns[index], value)) }
        }
        return assignments
    }

    static func writableColumn(_ key: String) throws -> ModelLayout.ColumnInfo {
        let layout = ModelLayout.of(M.self)
        return layout.columns[try writableColumnIndex(key, in: layout)]
    }

    static func writableColumnIndex(_ key: String, in layout: ModelLayout) throws -> Int {
        let index: Int
        if let found = layout.index(ofField: key) {
            index = found
        } else if let foreignKey = layout.columns.firstIndex(where: { $0.name == key + "_id" && $0.references != nil }) {
            index = foreignKey
        } else if let relation = layout.relation(named: key), relation.isForward, let foreignKey = layout.index(of: relation.localColumn) {
            index = foreignKey  // a declared relation's name (`project=` for project_id)
        } else {
            throw layout.unknownField(key)
        }
        let column = layout.columns[index]
        guard column.isWritable else { throw ModelError.readOnlyColumn(model: M.modelName, column: column.name) }
        return index
    }

    /// A value to store: coerced as in queries, but an integer column takes only integers.
    static func coerceForWrite(_ value: FieldValue, _ column: ModelLayout.ColumnInfo) throws -> FieldValue {
        let coerced = try column.type.coerce(value, field: column.name)
        // A fractional value for an integer column is refused, not rounded by the server.
        if column.type == .int || column.type == .smallint, case .double(let d) = coerced {
            guard let exact = Int64(exactly: d) else {
                throw QueryValueError.cannotCoerce(field: column.name, value: value, to: "a 64-bit integer")
            }
            return .int(exact)
        }
        return coerced
    }
}
