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
        // Written as bytes into one buffer: appending a dozen pieces to a `String` grew and copied
        // it several times per link (~8k instructions a link, two links a page).
        var url: [UInt8] = []
        url.reserveCapacity(128)
        url.append(contentsOf: request.scheme.utf8)
        url.append(contentsOf: "://".utf8)
        url.append(contentsOf: request.host.utf8)
        appendQuoted(request.path, safe: "/:@&+$,!*'()", plus: false, into: &url)  // Django's escape_uri_path
        for (i, item) in items.enumerated() {
            url.append(i == 0 ? UInt8(ascii: "?") : UInt8(ascii: "&"))
            appendQuoted(item.key, safe: "", plus: true, into: &url)  // QueryDict.encode: quote_plus
            url.append(UInt8(ascii: "="))
            appendQuoted(item.value, safe: "", plus: true, into: &url)
        }
        return String(decoding: url, as: UTF8.self)
    }

    /// `PercentEncoding.quote(text, safe:, plus:)` appended to `bytes`.
    static func appendQuoted(_ text: String, safe: StaticString, plus: Bool, into bytes: inout [UInt8]) {
        let hex: StaticString = "0123456789ABCDEF"
        for byte in text.utf8 {
            if PercentEncoding.isUnreserved(byte) {
                bytes.append(byte)
            } else if byte == 32 && plus {
                bytes.append(UInt8(ascii: "+"))
            } else if isSafe(byte, safe) {
                bytes.append(byte)
            } else {
                bytes.append(UInt8(ascii: "%"))
                bytes.append(hex.utf8Start[Int(byte >> 4)])
                bytes.append(hex.utf8Start[Int(byte & 15)])
            }
        }
    }

    private static func isSafe(_ byte: UInt8, _ safe: StaticString) -> Bool {
        let bytes = UnsafeBufferPointer(start: safe.utf8Start, count: safe.utf8CodeUnitCount)
        for s in bytes where s == byte { return true }
        return false
    }

}
