/// The Prometheus text format (version 0.0.4) of a `MetricsStore`, rendered at each scrape.
/// Series that never counted anything are left out (the format allows it), so a scrape is as
/// long as the routes, methods and statuses actually seen. Every worker process adds into the
/// same counters, so they are already the sums over the processes (the dead ones included);
/// the gauges are summed over the slots. The `process_*` metrics describe the process that
/// renders (the master, or the one server process).
///
///     let text = store.prometheusText()   // "# HELP srf_http_requests_total ..."
extension MetricsStore {
    public static let contentType = "text/plain; version=0.0.4; charset=utf-8"

    public func prometheusText() -> String {
        var out = PrometheusWriter()
        let methods = MetricsLayout.methods

        out.family(
            "srf_http_requests_total", .counter,
            "Requests answered, by route name (the URL pattern's name; none: no pattern matched), method and status.")
        for (route, routeName) in layout.routes.enumerated() {
            for method in 0..<MetricsLayout.methodCount {
                for status in 0..<MetricsLayout.statuses {
                    let value = load(layout.request(route: route, method: method, status: status))
                    guard value > 0 else { continue }
                    out.sample(
                        "srf_http_requests_total",
                        [("route", routeName), ("method", methods[method]), ("status", MetricsLayout.statusLabel(status))], value)
                }
            }
        }

        out.family(
            "srf_http_request_duration_seconds", .histogram, "Time from the request's first byte to its response written, by route name.")
        for (route, routeName) in layout.routes.enumerated() {
            out.histogram(
                "srf_http_request_duration_seconds", [("route", routeName)], self,
                at: layout.requestLatency + route * MetricsLayout.histogramSlots, skipEmpty: true)
        }

        out.family("srf_queue_wait_seconds", .histogram, "How long requests waited for a free worker.")
        out.histogram("srf_queue_wait_seconds", [], self, at: layout.queueWait, skipEmpty: false)

        out.family("srf_db_query_duration_seconds", .histogram, "Database statements run by the workers, and their time.")
        out.histogram("srf_db_query_duration_seconds", [], self, at: layout.queryLatency, skipEmpty: false)
        out.family("srf_db_query_errors_total", .counter, "Database statements that failed.")
        out.sample("srf_db_query_errors_total", [], load(layout.queryErrors))
        out.family("srf_db_reconnects_total", .counter, "Database sessions re-established after they were lost.")
        out.sample("srf_db_reconnects_total", [], load(layout.reconnects))

        var workers: Int64 = 0
        var busy: Int64 = 0
        var processes = 0
        for slot in 0..<layout.processes {
            // Written with wrapping adds of +1 and -1: the bits are a signed count.
            let threads = Int64(bitPattern: load(layout.process(slot, .workers)))
            workers &+= threads
            busy &+= Int64(bitPattern: load(layout.process(slot, .busy)))
            if threads > 0 { processes += 1 }
        }
        let idle = max(0, workers - busy)
        out.family("srf_workers", .gauge, "Worker threads, busy with a request or idle.")
        out.sample("srf_workers", [("state", "busy")], max(0, busy))
        out.sample("srf_workers", [("state", "idle")], idle)
        out.family("srf_worker_processes", .gauge, "Processes with worker threads serving.")
        out.sample("srf_worker_processes", [], processes)
        out.family(
            "srf_worker_process_restarts_total", .counter,
            "Worker processes the master replaced, by cause (recycled: --max-requests; exited: a non-zero status; trapped: a Swift trap; killed: another signal)."
        )
        for cause in WorkerRestartCause.allCases {
            out.sample("srf_worker_process_restarts_total", [("cause", cause.rawValue)], load(layout.restarts + cause.index))
        }

        ProcessStatistics.current(startTime: startTime).write(to: &out)
        return out.text
    }

    /// Worker threads ready to serve, over every process.
    public var workersUp: Int {
        var workers: Int64 = 0
        for slot in 0..<layout.processes { workers &+= Int64(bitPattern: load(layout.process(slot, .workers))) }
        return Int(max(0, workers))
    }

    /// Worker processes with at least one thread ready to serve.
    public var processesUp: Int {
        (0..<layout.processes).filter { Int64(bitPattern: load(layout.process($0, .workers))) > 0 }.count
    }
}

/// Builds the text: `# HELP`/`# TYPE` lines, samples with escaped label values.
struct PrometheusWriter {
    enum Kind: String { case counter, gauge, histogram }
    var text = ""

    /// `help` is this file's own text: no backslash or line feed to escape.
    mutating func family(_ name: String, _ kind: Kind, _ help: String) {
        text += "# HELP \(name) \(help)\n# TYPE \(name) \(kind.rawValue)\n"
    }

    mutating func sample(_ name: String, _ labels: [(String, String)], _ value: some CustomStringConvertible) {
        text += name
        if !labels.isEmpty {
            text += "{" + labels.map { "\($0.0)=\"\(Self.escapedLabel($0.1))\"" }.joined(separator: ",") + "}"
        }
        text += " \(value)\n"
    }

    /// Cumulative buckets, `_sum` in seconds, `_count` (= the +Inf bucket, read from the same loads).
    mutating func histogram(_ name: String, _ labels: [(String, String)], _ store: MetricsStore, at offset: Int, skipEmpty: Bool) {
        var cumulative: UInt64 = 0
        var buckets: [UInt64] = []
        for index in 0...MetricsLayout.bucketCount {
            cumulative &+= store.load(offset + index)
            buckets.append(cumulative)
        }
        if skipEmpty && cumulative == 0 { return }
        for (index, count) in buckets.enumerated() {
            let bound = index < MetricsLayout.bucketCount ? Self.seconds(MetricsLayout.bucketBounds[index]) : "+Inf"
            sample(name + "_bucket", labels + [("le", bound)], count)
        }
        sample(name + "_sum", labels, Self.seconds(store.load(offset + MetricsLayout.bucketCount + 1)))
        sample(name + "_count", labels, cumulative)
    }

    /// Nanoseconds as decimal seconds, exactly (`0.0025`, `12.000345678`), no exponent.
    static func seconds(_ nanoseconds: UInt64) -> String {
        let whole = nanoseconds / 1_000_000_000
        var fraction = String(nanoseconds % 1_000_000_000)
        guard fraction != "0" else { return "\(whole)" }
        fraction = String(repeating: "0", count: 9 - fraction.count) + fraction
        while fraction.hasSuffix("0") { fraction.removeLast() }
        return "\(whole).\(fraction)"
    }

    /// Label values: backslash, double quote and line feed escaped (the format's three).
    static func escapedLabel(_ value: String) -> String {
        var out = ""
        for character in value.unicodeScalars {
            switch character {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            default: out.unicodeScalars.append(character)
            }
        }
        return out
    }
}
