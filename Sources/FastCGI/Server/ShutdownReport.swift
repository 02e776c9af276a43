/// How `FastCGIServer.run()` ended after a stop.
///
///     let report = try server.runUntilSignalled()
///     exit(report.drained ? 0 : 1)
public struct ShutdownReport: Sendable, Equatable {
    /// Requests answered since the server started.
    public let requestsServed: Int
    /// Workers still busy with a request when the drain timeout expired.
    public let workersStillBusy: Int

    /// Every request in flight at the stop finished within the drain timeout.
    public var drained: Bool { workersStillBusy == 0 }
}
