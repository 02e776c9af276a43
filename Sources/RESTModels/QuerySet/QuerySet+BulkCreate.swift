import PostgreSQL
import RESTFramework

extension QuerySet {
    /// PostgreSQL's limit on a statement's parameters (a 16-bit count in the protocol).
    static var maxParameters: Int { 65_535 }

    /// Django's `bulk_create(objs)`: one `INSERT ... VALUES (...), (...) RETURNING ...` per batch,
    /// every value bound; the rows as stored, in the given order. The columns are the union of
    /// the rows' keys (a row without one gets `DEFAULT`); a batch holds as many rows as fit in
    /// 65,535 parameters (or `batchSize`, when smaller). Batches run in one transaction (a
    /// savepoint inside the caller's), so a failure inserts nothing.
    ///
    ///     let tags = try Tag.objects(on: request).bulkCreate([["name": "swift"], ["name": "postgres"]])
    public func bulkCreate(_ rows: [[String: FieldValue]], batchSize: Int? = nil) throws -> [M] {
        guard !rows.isEmpty else { return [] }
        let layout = ModelLayout.of(M.self)
        // Per row, its coerced value by column position; the columns any row writes.
        var written = [Bool](repeating: false, count: layout.columns.count)
        var coerced: [[FieldValue?]] = []
        coerced.reserveCapacity(rows.count)
        for row in rows {
            var values = [FieldValue?](repeating: nil, count: layout.columns.count)
            for (key, value) in row {
                let index = try Self.writableColumnIndex(key, in: layout)
                values[index] = try Self.coerceForWrite(value, layout.columns[index])
                written[index] = true
            }
            coerced.append(values)
        }
        let columns = written.indices.filter { written[$0] }
        let perBatch = max(1, min(batchSize ?? .max, columns.isEmpty ? 1_000 : Self.maxParameters / columns.count))
        return try requirePrimary().transaction { connection in
            // No column named: PostgreSQL has no multi-row DEFAULT VALUES, so one INSERT each.
            if columns.isEmpty { return try rows.map { _ in try QuerySet(connection: connection).insert(ValidatedData([])) } }
            var stored: [M] = []
            stored.reserveCapacity(rows.count)
            var start = 0
            while start < coerced.count {
                let batch = coerced[start..<min(start + perBatch, coerced.count)]
                let statement = try SQLBuilder.statement { sql in
                    Self.insertStatement(batch, columns: columns, layout: layout, into: &sql)
                }
                for row in try StatementRunner.query(statement, on: connection) {
                    stored.append(try M(row: ModelRow(row, layout: layout)))
                }
                start += batch.count
            }
            return stored
        }
    }

    private static func insertStatement(
        _ batch: ArraySlice<[FieldValue?]>, columns: [Int], layout: ModelLayout, into sql: inout SQLBuilder
    ) {
        sql.append("INSERT INTO ")
        sql.append(.table, of: layout)
        sql.append(" (")
        for (position, index) in columns.enumerated() {
            if position > 0 { sql.append(", ") }
            sql.append(.quotedName, of: layout, column: index)
        }
        sql.append(") VALUES ")
        for (rowPosition, values) in batch.enumerated() {
            sql.append(rowPosition > 0 ? ", (" : "(")
            for (position, index) in columns.enumerated() {
                if position > 0 { sql.append(", ") }
                if let value = values[index] {
                    sql.bind(SQLParameter.make(value, as: layout.columns[index].type))
                } else {
                    sql.append("DEFAULT")
                }
            }
            sql.append(")")
        }
        sql.append(.returning, of: layout)
    }
}
