/// DRF's `replace_query_param` on a reversed URL: its query parsed, every value of `key`
/// replaced by `value`, the parameters sorted by name and form-encoded again.
///
///     ReversedURL.replacingQueryParameter("version", with: "v2", in: "http://host/books/?format=json")
///     // "http://host/books/?format=json&version=v2"
public enum ReversedURL {
    public static func replacingQueryParameter(_ key: String, with value: String, in url: String) -> String {
        let base: Substring, query: Substring
        if let mark = url.firstIndex(of: "?") {
            (base, query) = (url[..<mark], url[url.index(after: mark)...])
        } else {
            (base, query) = (Substring(url), "")
        }
        var parameters = QueryDict(parsing: query)
        parameters.set(key, value)
        return base + "?" + parameters.sortedByKey().urlencoded()
    }
}
