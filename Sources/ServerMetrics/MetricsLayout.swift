/// Where each number lives in a `MetricsStore`'s shared memory: a fixed table of 64-bit
/// counters, laid out once at start from the route names, so that recording is an index
/// computation and an atomic add (no lookup, no lock, no allocation) and any process that
/// shares the memory reads the same numbers.
///
/// The label spaces are closed, which bounds the cardinality Prometheus sees: routes are the
/// URL conf's names (plus `none` for a path no pattern matched), methods the seven HTTP
/// methods a REST API answers plus `other`, statuses 100 to 599 plus `other`.
struct MetricsLayout: Sendable {
    static let methods = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "other"]
    static let statuses = 501  // 100...599, then `other`
    /// Histogram bucket bounds in nanoseconds (Prometheus' `le`, in seconds: 0.0005 ... 10).
    static let bucketBounds: [UInt64] = [
        500_000, 1_000_000, 2_500_000, 5_000_000, 10_000_000, 25_000_000, 50_000_000, 100_000_000,
        250_000_000, 500_000_000, 1_000_000_000, 2_500_000_000, 5_000_000_000, 10_000_000_000,
    ]
    /// A histogram's slots: one per bound, one for +Inf, then the sum in nanoseconds.
    static let histogramSlots = 16
    static let bucketCount = 14  // bucketBounds.count (literals: no lazy global on the hot path)
    static let methodCount = 8  // methods.count

    let routes: [String]
    /// `routes.count`, read on every request without touching the array.
    let routeCount: Int
    let processes: Int

    // Offsets, in counters, of each table.
    let requests: Int  // [route][method][status]
    let requestLatency: Int  // [route][histogram]
    let queryLatency: Int  // histogram
    let queryErrors: Int
    let queueWait: Int  // histogram
    let restarts: Int  // [WorkerRestartCause]
    let reconnects: Int
    let processSlots: Int  // [process][ProcessSlot]
    let count: Int

    /// Per process: gauges the master resets when that process dies (a counter would stay
    /// right, a gauge would not).
    enum ProcessSlot: Int, CaseIterable {
        case workers, busy
    }

    init(routes: [String], processes: Int) {
        self.routes = routes
        routeCount = routes.count
        self.processes = processes
        requests = 0
        requestLatency = requests + routes.count * Self.methodCount * Self.statuses
        queryLatency = requestLatency + routes.count * Self.histogramSlots
        queryErrors = queryLatency + Self.histogramSlots
        queueWait = queryErrors + 1
        restarts = queueWait + Self.histogramSlots
        reconnects = restarts + WorkerRestartCause.allCases.count
        processSlots = reconnects + 1
        count = processSlots + processes * ProcessSlot.allCases.count
    }

    @inline(__always)
    func request(route: Int, method: Int, status: Int) -> Int {
        requests + (route * Self.methodCount + method) * Self.statuses + status
    }

    @inline(__always)
    func process(_ slot: Int, _ gauge: ProcessSlot) -> Int {
        processSlots + slot * ProcessSlot.allCases.count + gauge.rawValue
    }

    /// The status column: 100...599 exactly, anything else in the last.
    @inline(__always)
    static func statusIndex(_ status: Int) -> Int {
        let index = status &- 100
        return index >= 0 && index < statuses - 1 ? index : statuses - 1
    }

    static func statusLabel(_ index: Int) -> String { index == statuses - 1 ? "other" : String(index + 100) }

    /// The bucket a duration falls in (the last: +Inf). Requests are mostly fast: the scan
    /// from the smallest bound ends after a comparison or two.
    @inline(__always)
    static func bucket(_ nanoseconds: UInt64) -> Int {
        var index = 0
        while index < bucketCount && nanoseconds > bucketBounds[index] { index &+= 1 }
        return index
    }
}

extension MetricsLayout {
    /// The method column. Methods arrive upper case from the web server; small-string
    /// comparisons, no allocation.
    @inline(__always)
    static func methodIndex(_ method: String) -> Int {
        switch method {
        case "GET": 0
        case "HEAD": 1
        case "POST": 2
        case "PUT": 3
        case "PATCH": 4
        case "DELETE": 5
        case "OPTIONS": 6
        default: 7
        }
    }
}
