import Logging

/// swift-log's `LogHandler` on the server's log: a `Logger` made with it writes the server's
/// lines (same file or stderr, same text or JSON format, one write per line).
/// `APIServerMain` bootstraps `LoggingSystem` with it, so `Logger(label:)` anywhere in an
/// application writes there; `request.logger` is one with the request's id.
///
///     let log = ServerLog(format: .json, level: .debug)
///     var logger = Logger(label: "billing") { label in ServerLogHandler(label: label, log: log) }
///     logger[metadataKey: "request_id"] = "4f1c"
///     logger.info("invoice sent", metadata: ["invoice": "42"])
///     // {"time":"...","level":"info","message":"invoice sent","request_id":"4f1c","logger":"billing","invoice":"42"}
///
/// The `request_id` metadata goes where the server puts a request's id (the text line's end,
/// JSON's `request_id` field) when it is a valid one (`RequestID.validated`), and as ordinary
/// metadata otherwise. The level starts at the log's (`--log-level`); like any swift-log level
/// it is the `Logger` value's own, so one logger may be made more verbose.
public struct ServerLogHandler: LogHandler {
    public let label: String
    public let log: ServerLog
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?
    public var logLevel: Logger.Level

    public init(label: String, log: ServerLog, metadataProvider: Logger.MetadataProvider? = nil) {
        self.label = label
        self.log = log
        self.metadataProvider = metadataProvider
        logLevel = log.level
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var merged = metadata
        if let provided = metadataProvider?.get(), !provided.isEmpty { merged.merge(provided) { _, new in new } }
        if let given = event.metadata, !given.isEmpty { merged.merge(given) { _, new in new } }
        if let error = event.error { merged["error"] = .string(String(reflecting: error)) }
        var requestID: String?
        if let value = merged["request_id"], let valid = RequestID.validated(value.description) {
            requestID = valid
            merged["request_id"] = nil
        }
        log.write(event.level, event.message.description, requestID: requestID, metadata: merged, label: label)
    }
}
