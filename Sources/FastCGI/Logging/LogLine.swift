import Logging

/// The lines of the server's log, as text or as JSON (`--log-format`), built whole so that one
/// write(2) puts each on the log. Pure: the time is given, so the lines are tested as strings.
///
///     LogLine.message(time: "2026-12-07T03:40:00.123Z", level: .error, "GET /x failed", requestID: "4f1c", format: .text)
///     // 2026-12-07T03:40:00.123Z error: GET /x failed request_id=4f1c
///     LogLine.message(time: "2026-12-07T03:40:00.123Z", level: .error, "GET /x failed", requestID: "4f1c", format: .json)
///     // {"time":"2026-12-07T03:40:00.123Z","level":"error","message":"GET /x failed","request_id":"4f1c"}
enum LogLine {
    /// The fields every JSON line has; metadata under these names is left out rather than repeated.
    static let reservedKeys: Set<String> = ["time", "level", "message", "request_id", "logger", "type"]

    /// A message line. Text: `<time> <level>: <message>[ key=value...][ request_id=<id>]`
    /// (metadata sorted by key; a value with a space, `"` or `=` quoted). JSON: an object with
    /// `time`, `level`, `message`, `request_id` (null without one), `logger` (the Logger's
    /// label, for swift-log lines) and the metadata.
    static func message(
        time: String, level: Logger.Level, _ message: String, requestID: String?,
        metadata: Logger.Metadata? = nil, label: String? = nil, format: ServerLog.Format
    ) -> String {
        let pairs = (metadata ?? [:]).sorted { $0.key < $1.key }
        switch format {
        case .text:
            var line = time + " " + level.rawValue + ": " + LogFormat.message(message)
            for (key, value) in pairs { line += " " + LogFormat.printable(key) + "=" + textValue(value) }
            if let requestID { line += " request_id=" + requestID }
            return line
        case .json:
            var line = "{\"time\":\"" + time + "\",\"level\":\"" + level.rawValue + "\",\"message\":" + LogFormat.jsonString(message)
            line += ",\"request_id\":" + (requestID.map(LogFormat.jsonString) ?? "null")
            if let label { line += ",\"logger\":" + LogFormat.jsonString(label) }
            for (key, value) in pairs where !reservedKeys.contains(key) {
                line += "," + LogFormat.jsonString(key) + ":" + jsonValue(value)
            }
            return line + "}"
        }
    }

    /// What the access line says about one request.
    struct Access {
        var method: String
        var path: String
        var query: String
        var status: Int
        var bytes: Int
        var duration: Duration
        var remoteAddress: String?
        var worker: Int
        var clientGone: Bool
        var requestID: String?
    }

    /// Text: `<time> <remote> "<METHOD> <path>[?query]" <status> <bytes> <ms>ms w<worker>[ client-gone][ request_id=<id>]`.
    /// JSON: `time`, `level` (info), `message` (`GET /path 200`), `request_id`, `type` (access),
    /// `method`, `path`, `query`, `status`, `bytes`, `duration_ms`, `remote_addr`, `worker`,
    /// `client_gone`.
    static func access(time: String, _ entry: Access, format: ServerLog.Format) -> String {
        let target = entry.query.isEmpty ? entry.path : entry.path + "?" + entry.query
        switch format {
        case .text:
            var line = time + " " + (entry.remoteAddress ?? "-") + " \"" + LogFormat.printable(entry.method) + " "
            line += LogFormat.printable(target) + "\" \(entry.status) \(entry.bytes) " + LogFormat.milliseconds(entry.duration)
            line += "ms w\(entry.worker)"
            if entry.clientGone { line += " client-gone" }
            if let requestID = entry.requestID { line += " request_id=" + requestID }
            return line
        case .json:
            var line = "{\"time\":\"" + time + "\",\"level\":\"info\",\"message\":"
            line += LogFormat.jsonString(entry.method + " " + target + " \(entry.status)")
            line += ",\"request_id\":" + (entry.requestID.map(LogFormat.jsonString) ?? "null")
            line += ",\"type\":\"access\",\"method\":" + LogFormat.jsonString(entry.method)
            line += ",\"path\":" + LogFormat.jsonString(entry.path) + ",\"query\":" + LogFormat.jsonString(entry.query)
            line += ",\"status\":\(entry.status),\"bytes\":\(entry.bytes),\"duration_ms\":" + LogFormat.milliseconds(entry.duration)
            line += ",\"remote_addr\":" + (entry.remoteAddress.map(LogFormat.jsonString) ?? "null")
            line += ",\"worker\":\(entry.worker),\"client_gone\":" + (entry.clientGone ? "true" : "false") + "}"
            return line
        }
    }

    /// A metadata value in a text line: as it prints, quoted (JSON-style) when it would not read
    /// back as one `key=value` token.
    static func textValue(_ value: Logger.MetadataValue) -> String {
        let text = value.description
        let plain =
            !text.isEmpty
            && !text.utf8.contains { $0 <= 32 || $0 == 127 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "=") }
        return plain ? text : LogFormat.jsonString(text)
    }

    static func jsonValue(_ value: Logger.MetadataValue) -> String {
        switch value {
        case .string(let text): LogFormat.jsonString(text)
        case .stringConvertible(let convertible): LogFormat.jsonString(convertible.description)
        case .array(let values): "[" + values.map(jsonValue).joined(separator: ",") + "]"
        case .dictionary(let members):
            "{"
                + members.sorted { $0.key < $1.key }.map { LogFormat.jsonString($0.key) + ":" + jsonValue($0.value) }
                .joined(separator: ",") + "}"
        }
    }
}
