import RESTFramework

/// The route labels of the server's metrics, fixed at start from the URL conf: each pattern's
/// name (`project-detail`), or its regex when it has none (`^api/auth-token/$`); never a
/// request's path, so the number of series stays what the URL conf declares. A name shared by
/// several patterns (a route and its format-suffix twin) is one label.
///
///     let labels = RouteLabels(urls)
///     let store = try MetricsStore(routes: labels.names)
///     labels.metricsRoute(forPattern: 3)   // the store's index of pattern 3's label
struct RouteLabels: Sendable {
    /// In the store's order (its route 0, `none`, not included).
    let names: [String]
    /// The store's route index (from 1) of each of `urls.patterns`.
    private let routeByPattern: [Int]

    init(_ urls: URLConf) {
        var names: [String] = []
        var indexByName: [String: Int] = [:]
        routeByPattern = urls.patterns.map { pattern in
            let name = pattern.name ?? pattern.pattern.regex
            if let index = indexByName[name] { return index }
            names.append(name)
            indexByName[name] = names.count
            return names.count
        }
        self.names = names
    }

    private init(names: [String], routeByPattern: [Int]) {
        self.names = names
        self.routeByPattern = routeByPattern
    }

    /// These labels counted into a store another process laid out (`MetricsStore.routes`,
    /// `none` first: a `--processes` master's, from the binary it started with): each pattern's
    /// index there, by name. A name the store lacks (a reload started a binary with a new
    /// route) counts as `none` until the master restarts; `missing` names them.
    func placed(in storeRoutes: [String]) -> (labels: RouteLabels, missing: [String]) {
        var indexByName: [String: Int] = [:]
        for (index, name) in storeRoutes.enumerated() where index > 0 { indexByName[name] = indexByName[name] ?? index }
        let storeIndex = [0] + names.map { indexByName[$0] ?? 0 }
        let missing = names.filter { indexByName[$0] == nil }
        return (RouteLabels(names: storeRoutes.dropFirst().map { $0 }, routeByPattern: routeByPattern.map { storeIndex[$0] }), missing)
    }

    /// The store's route index of `pattern` (an index into `urls.patterns`); 0 (`none`) for -1.
    @inline(__always)
    func metricsRoute(forPattern pattern: Int) -> Int {
        pattern >= 0 && pattern < routeByPattern.count ? routeByPattern[pattern] : 0
    }
}
