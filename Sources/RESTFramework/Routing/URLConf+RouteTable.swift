/// The URL conf as a table (pattern, name, method → action, view name), one line per pattern
/// in matching order: what `manage.py show_urls` prints, and what golden tests compare.
///
///     print(urls.routeTable)
///     // ^api/users/$   user-list   get=list post=create   User List
extension URLConf {
    public var routeTable: String {
        let rows = patterns.map { pattern -> [String] in
            let view = pattern.endpoint.makeView()
            let methods: String
            if let actions = pattern.endpoint.actions {
                methods = HTTPMethod.sortedForAllow(actions.keys).map { "\($0.lowercased)=\(actions[$0]!)" }.joined(separator: " ")
            } else {
                // A plain view answers with its handlers; HEAD and OPTIONS come with every view.
                methods = view.allowedMethods.filter { $0 != .head && $0 != .options }.map(\.lowercased).joined(separator: " ")
            }
            return [pattern.pattern.regex, pattern.name ?? "-", methods, view.getViewName()]
        }
        var widths = [Int](repeating: 0, count: 4)
        for row in rows { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) } }
        return rows.map { row in
            row.enumerated().map { i, cell in i == row.count - 1 ? cell : cell.padding(toLength: widths[i], withPad: " ", startingAt: 0) }
                .joined(separator: "  ")
        }.joined(separator: "\n")
    }
}
