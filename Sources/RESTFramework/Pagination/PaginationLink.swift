/// DRF's `replace_query_param` / `remove_query_param` applied to
/// `request.build_absolute_uri()`: the request's absolute URL with some query parameters set or
/// removed, every other parameter kept, all re-encoded as form data and sorted by name
/// (`urlencode(sorted(parse_qs(query, keep_blank_values=True).items()), doseq=True)`).
///
///     // GET /api/users.json?search=a b&page=2&format=json
///     PaginationLink.url(request, setting: ["page": "3"])
///     // http://host/api/users.json?format=json&page=3&search=a+b
///     PaginationLink.url(request, setting: ["page": nil])      // page removed
enum PaginationLink {
    /// `changes` maps a parameter to its one new value, or to nil to remove it.
    static func url(_ request: Request, setting changes: KeyValuePairs<String, String?>) -> String {
        var items = request.query.items
        for (key, value) in changes {
            items.removeAll { $0.key == key }
            if let value { items.append((key: key, value: value)) }
        }
        // A stable sort by name keeps repeated names in their order, as parse_qs groups them
        // (an insertion sort: a query has a handful of parameters).
        if items.count > 1 {
            for i in 1..<items.count {
                let item = items[i]
                var j = i
                while j > 0 && PythonText.codePointLess(item.key, items[j - 1].key) {
                    items[j] = items[j - 1]
                    j -= 1
                }
                if j != i { items[j] = item }
            }
        }
        var url = request.scheme
        url += "://"
        url += request.host
        url += PercentEncoding.quote(request.path, safe: "/:@&+$,!*'()")  // Django's escape_uri_path
        for (i, item) in items.enumerated() {
            url += i == 0 ? "?" : "&"
            url += QueryDict.encode(item.key)
            url += "="
            url += QueryDict.encode(item.value)
        }
        return url
    }

}
