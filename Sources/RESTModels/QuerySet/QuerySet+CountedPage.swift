import PostgreSQL
import RESTFramework

extension QuerySet {
    /// `countAndFetch` as one statement (`QueryCompiler.countedPage`), then the prefetches.
    func countedPage(_ page: ModelQuery<M>, joins: JoinPlan?) throws -> (count: Int, rows: [M]) {
        let statement = try SQLBuilder.statement { sql in try QueryCompiler<M>.countedPage(page, joins: joins, into: &sql) }
        let connection = try requireConnection()
        let result = try StatementRunner.query(statement, on: connection)
        // Always one row at least (the LEFT JOIN from the count); the count is the last column.
        guard result.count > 0, let key = ModelLayout.of(M.self).primaryKeyIndex else {
            throw ModelError.unsupported("a counted page without its count row")
        }
        let count = try result[0][result.columnCount - 1, as: Int.self]
        // An empty page: the one row's columns are NULL, its key included.
        if result[0].isNull(key) { return (count, []) }
        var rows = try Self.decode(result, joins: joins)
        try prefetch(page.state.related.prefetchRelated, into: &rows, on: connection)
        return (count, rows)
    }
}
