import PostgreSQL
import RESTFramework

/// The reading side: each method is one statement.
extension QuerySet {
    /// The rows in `offset ..< offset+limit` of this queryset (within its own slice).
    public func fetch(offset: Int, limit: Int?) throws -> [M] {
        try run(query.sliced(offset: offset, limit: limit))
    }

    /// Every row (of the slice, when sliced), in order.
    public func all() throws -> [M] { try run(query) }

    /// `SELECT count(*)`: of the slice when sliced (Django counts `qs[a:b]` the same way).
    public func count() throws -> Int {
        let result = try StatementRunner.query(try countStatement(), on: requireConnection())
        return try result[0][0, as: Int.self]
    }

    /// `count()` and `fetch(offset:limit:)` in one round trip: one statement when the filter
    /// reads other tables (`QueryCompiler.countedPage`), else the two in libpq's pipeline mode
    /// (one implicit transaction). What a paginated list costs the database, minus a wait.
    public func countAndFetch(offset: Int, limit: Int?) throws -> (count: Int, rows: [M]) {
        let page = query.sliced(offset: offset, limit: limit)
        if !query.isSliced, !query.predicates.isEmpty {
            let joins = page.state.loadsRelated ? try QueryCompiler<M>.joins(page) : nil
            if QueryCompiler<M>.countsWithPage(page, joins: joins) { return try countedPage(page, joins: joins) }
        }
        if page.state.loadsRelated { return try countAndFetchRelated(page, count: try countStatement()) }
        let select = try SQLBuilder.statement { sql in try QueryCompiler<M>.select(page, into: &sql) }
        let results = try StatementRunner.pipelined([try countStatement(), select], on: requireConnection())
        return (try results[0][0][0, as: Int.self], try decode(results[1]))
    }

    private func countStatement() throws -> SQLStatement {
        let query = query
        return try SQLBuilder.statement { sql in
            if query.isSliced {
                sql.append("SELECT count(*) FROM (")
                try QueryCompiler<M>.select(query, list: .one, into: &sql)
                sql.append(") AS sliced")
            } else {
                if let error = query.compositionError { throw error }
                let layout = ModelLayout.of(M.self)
                sql.annotations = try AnnotationScope.make(query.annotations, over: layout)
                sql.append("SELECT count(*) FROM ")
                sql.append(.table, of: layout)
                try QueryCompiler<M>.whereClause(query.predicates, in: layout, into: &sql)
            }
        }
    }

    /// Whether any row matches (`SELECT 1 ... LIMIT 1`).
    public func exists() throws -> Bool {
        let query = query.sliced(offset: 0, limit: 1)
        let statement = try SQLBuilder.statement { sql in
            try QueryCompiler<M>.select(query, list: .one, ordered: false, into: &sql)
        }
        return try !StatementRunner.query(statement, on: requireConnection()).isEmpty
    }

    /// The one matching row; `ModelError.doesNotExist` or `.multipleObjectsReturned` otherwise.
    ///
    ///     let user = try User.objects(on: request).filter(.field("pk", .exact(.string(id)))).get()
    public func get() throws -> M {
        if query.state.loadsRelated {
            let rows = try runRelated(query.sliced(offset: 0, limit: 2))
            guard rows.count == 1 else {
                throw rows.isEmpty ? ModelError.doesNotExist(model: M.modelName) : ModelError.multipleObjectsReturned(model: M.modelName)
            }
            return rows[0]
        }
        let result = try select(query.sliced(offset: 0, limit: 2))
        guard !result.isEmpty else { throw ModelError.doesNotExist(model: M.modelName) }
        guard result.count == 1 else { throw ModelError.multipleObjectsReturned(model: M.modelName) }
        return try decodeFirst(result)
    }

    /// `get(pk=value)`, the value coerced to the primary key's type.
    public func get(pk value: FieldValue) throws -> M { try filter(.field("pk", .exact(value))).get() }

    /// The first row in order (by the primary key when unordered, as Django's `first()`), or nil.
    public func first() throws -> M? {
        // A new query rather than a `var` changed in place: that asked the runtime for
        // `ModelQuery<M>`'s metadata.
        let unordered = query.ordering.isEmpty && !query.isSliced
        let ordered = unordered ? query.ordered(M.primaryKey.columns.map { OrderTerm($0) }) : query
        if query.state.loadsRelated { return try runRelated(ordered.sliced(offset: 0, limit: 1)).first }
        let result = try select(ordered.sliced(offset: 0, limit: 1))
        return result.isEmpty ? nil : try decodeFirst(result)
    }

    /// The planner's row estimate, for `CountStrategy.estimated`: `pg_class.reltuples` for the
    /// whole table (nil until the table has been analyzed or vacuumed), or for a filtered or
    /// sliced queryset the top row estimate of `EXPLAIN`. Free, but approximate: fine for
    /// "about 1.2 million" on large tables, misleading for small filtered ones.
    public func estimatedCount() throws -> Int? {
        let connection = try requireConnection()
        if query.predicates.isEmpty && !query.isSliced {
            let statement = SQLStatement(
                text: "SELECT reltuples::int8 FROM pg_class WHERE oid = to_regclass($1)",
                parameters: [SQL.identifier(M.tableName)])
            let result = try StatementRunner.query(statement, on: connection)
            guard let row = result.first, let tuples = try row[0, as: Int64?.self], tuples >= 0 else { return nil }
            return Int(tuples)
        }
        let query = query
        let statement = try SQLBuilder.statement { sql in
            sql.append("EXPLAIN (FORMAT JSON) ")
            try QueryCompiler<M>.select(query, list: .one, ordered: false, into: &sql)
        }
        let result = try StatementRunner.query(statement, on: connection)
        guard let plan = result.first.map({ try? $0[0, as: String.self] }) ?? nil else { return nil }
        return Self.planRows(plan)
    }

    /// The first `"Plan Rows": n` of an `EXPLAIN (FORMAT JSON)` text: the top node's estimate.
    static func planRows(_ plan: String) -> Int? {
        guard let key = plan.range(of: "\"Plan Rows\":") else { return nil }
        let digits = plan[key.upperBound...].drop { $0 == " " }.prefix { $0.isNumber }
        return Int(digits)
    }

    /// Runs a SELECT of whole rows.
    func run(_ query: ModelQuery<M>) throws -> [M] {
        if query.state.loadsRelated { return try runRelated(query) }
        return try decode(try select(query))
    }

    /// The result of a SELECT of whole rows, not yet decoded.
    private func select(_ query: ModelQuery<M>) throws -> QueryResult {
        let statement = try SQLBuilder.statement { sql in try QueryCompiler<M>.select(query, into: &sql) }
        return try StatementRunner.query(statement, on: requireConnection())
    }

    /// The models of a result of `SELECT <the model's columns>`.
    ///
    /// The array is filled in place: in the unspecialized code the views reach this through,
    /// `reserveCapacity` and `append` on `[M]` were generic runtime calls.
    private func decode(_ result: QueryResult) throws -> [M] {
        let layout = ModelLayout.of(M.self)
        let cursor = ModelRow.Cursor()
        let count = result.count
        // A loop over positions rather than `result.map`: the generic `map` over the collection
        // went through its witnesses for every row. On a throw, the rows made so far are
        // destroyed by the array (`initialized` counts them).
        return try [M](unsafeUninitializedCapacity: count) { buffer, initialized in
            guard let base = buffer.baseAddress else { return }
            for index in 0..<count {
                (base + index).initialize(to: try M(row: ModelRow(result[index], layout: layout, cursor: cursor)))
                initialized = index + 1
            }
        }
    }

    /// The first row of a non-empty result of `SELECT <the model's columns>` (`first`, `get`),
    /// without an array around it.
    private func decodeFirst(_ result: QueryResult) throws -> M {
        try M(row: ModelRow(result[0], layout: ModelLayout.of(M.self)))
    }
}
