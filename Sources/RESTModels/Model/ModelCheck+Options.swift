import PostgreSQL
import RESTFramework

/// The model check of what serializers derive fields from (`ColumnOptions`, `uniqueTogether`):
/// a declared `maxLength` is the `varchar(n)` of the column, a declared default is one the table
/// has, and each unique column and unique-together set has a unique index or constraint. The
/// index query runs only for models that declare uniqueness.
extension ModelComparison {
    func optionDifferences(_ byName: [String: TableCatalog.TableColumn]) throws -> [ModelDifference] {
        var found: [ModelDifference] = []
        for (name, options) in columnOptions {
            guard let stored = byName[name] else { continue }
            if let maxLength = options.maxLength, stored.typeName == "varchar" || stored.typeName == "bpchar",
                Self.declaredLength(stored.sqlType) != maxLength
            {
                found.append(
                    difference(
                        property(name), name,
                        "column \"\(name)\" of \(layout.table) is \(stored.sqlType); the model declares .maxLength(\(maxLength))"))
            }
            if options.hasDefault && !stored.hasDefault {
                found.append(
                    difference(
                        property(name), name,
                        "column \"\(name)\" of \(layout.table) has no default; the model declares one (an INSERT leaving it out would fail)"
                    ))
            }
        }
        let uniqueColumns = columnOptions.filter(\.options.isUnique).map { [$0.name] }
        let wanted = uniqueColumns + uniqueTogether
        guard !wanted.isEmpty else { return found }
        let indexes = try uniqueIndexes()
        for set in wanted where !indexes.contains(Set(set)) {
            let what = set.count == 1 ? "unique column \"\(set[0])\"" : "unique-together set (\(set.joined(separator: ", ")))"
            found.append(
                difference(
                    set.count == 1 ? property(set[0]) : nil, set.count == 1 ? set[0] : nil,
                    "the model declares the \(what), and \(layout.table) has no unique index or constraint on it"))
        }
        return found
    }

    private func property(_ column: String) -> Property? { properties.first { $0.column?.name == column } }

    /// The column sets of the table's unique indexes (unique constraints make one each).
    private func uniqueIndexes() throws -> [Set<String>] {
        let result = try connection.query(
            """
            SELECT array_agg(a.attname::text) FROM pg_index i
            JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey)
            WHERE i.indrelid = to_regclass($1) AND i.indisunique
            GROUP BY i.indexrelid
            """, layout.table)
        return try result.map { row in Set(try row[0] as [String]) }
    }

    /// `n` of `character varying(n)` / `character(n)`; nil without one.
    static func declaredLength(_ sqlType: String) -> Int? {
        guard let open = sqlType.firstIndex(of: "("), let close = sqlType.lastIndex(of: ")"), open < close else { return nil }
        return Int(sqlType[sqlType.index(after: open)..<close])
    }
}
