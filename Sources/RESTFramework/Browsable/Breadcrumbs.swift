/// DRF's `get_breadcrumbs`: from the path's root to the path itself, every prefix ending in `/`
/// that resolves to a view, with that view's name (`Api Root`, `Project List`, `Project
/// Instance`); the same endpoint twice in a row (an optional trailing slash) once.
///
///     Breadcrumbs.of("/api/projects/", urls: urls)
///     // [("Api Root", "/api/"), ("Project List", "/api/projects/")]
enum Breadcrumbs {
    static func of(_ path: String, urls: URLConf?) -> [(name: String, url: String)] {
        guard let urls else { return [] }
        var crumbs: [(name: String, url: String)] = []
        var last: ObjectIdentifier?
        for prefix in prefixes(of: path) {
            guard case .match(let endpoint, _, _) = urls.resolve(prefix) else { continue }
            // One memo per mounted endpoint, shared by its format-suffix copy.
            let mounted = ObjectIdentifier(endpoint.memo)
            if mounted == last { continue }
            last = mounted
            crumbs.append((endpoint.makeView().getViewName(), prefix))
        }
        return crumbs
    }

    /// `/`, `/api/`, `/api/projects/`, then the path itself when it does not end in `/`.
    static func prefixes(of path: String) -> [String] {
        var result: [String] = []
        var current = ""
        for character in path {
            current.append(character)
            if character == "/" { result.append(current) }
        }
        if !path.hasSuffix("/") && !path.isEmpty { result.append(path) }
        return result
    }
}
