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
        // What applying the changes one after another (remove every `key`, append the new value)
        // leaves, built in one array of the final size: the other parameters in their order,
        // then each change not overridden by a later one for the same name.
        let query = request.query.items
        var items: [(key: String, value: String)] = []
        items.reserveCapacity(query.count + changes.count)
        for item in query where !changes.contains(where: { $0.key == item.key }) { items.append(item) }
        for i in changes.indices {
            guard let value = changes[i].value else { continue }
            var overridden = false
            for j in changes.indices where j > i && changes[j].key == changes[i].key { overridden = true }
            if !overridden { items.append((key: changes[i].key, value: value)) }
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
        // Written as bytes into one buffer: appending a dozen pieces to a `String` grew and copied
        // it several times per link, and a page has two links.
        var url: [UInt8] = []
        url.reserveCapacity(128)
        url.append(contentsOf: request.scheme.utf8)
        url.append(contentsOf: "://".utf8)
        url.append(contentsOf: request.host.utf8)
        PercentEncoding.appendQuoted(request.path, safe: "/:@&+$,!*'()", plus: false, into: &url)  // Django's escape_uri_path
        for (i, item) in items.enumerated() {
            url.append(i == 0 ? UInt8(ascii: "?") : UInt8(ascii: "&"))
            PercentEncoding.appendQuoted(item.key, safe: "", plus: true, into: &url)  // QueryDict.encode: quote_plus
            url.append(UInt8(ascii: "="))
            PercentEncoding.appendQuoted(item.value, safe: "", plus: true, into: &url)
        }
        return String(decoding: url, as: UTF8.self)
    }
}
