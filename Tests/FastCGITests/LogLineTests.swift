import Foundation
import Logging
import Testing
@testable import FastCGI

/// The log's lines as text and JSON (`LogLine`), request ids (`RequestID`), and swift-log's
/// `Logger` on the server's log (`ServerLogHandler`, `ServerLog`'s level), on a pipe.
@Suite struct LogLineTests {
    static let time = "2026-12-07T03:40:00.123Z"
    static let id = "2c9f5e0b8a1d4e7f9b3c6d2a1e0f4b5c"

    static func access(requestID: String? = id, path: String = "/api/users/", clientGone: Bool = false) -> LogLine.Access {
        LogLine.Access(
            method: "GET", path: path, query: "page=2", status: 200, bytes: 512, duration: .microseconds(12_345),
            remoteAddress: "127.0.0.1", worker: 3, clientGone: clientGone, requestID: requestID)
    }

    static func object(_ line: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], "\(line)")
    }

    @Test func textMessageLines() {
        #expect(
            LogLine.message(time: Self.time, level: .error, "GET /x failed", requestID: Self.id, format: .text)
                == "\(Self.time) error: GET /x failed request_id=\(Self.id)")
        #expect(
            LogLine.message(time: Self.time, level: .info, "listening", requestID: nil, format: .text) == "\(Self.time) info: listening")
        // Metadata sorted by key; a value that would not read back as one token is quoted.
        #expect(
            LogLine.message(
                time: Self.time, level: .notice, "sent", requestID: nil, metadata: ["to": "a b", "count": "3", "empty": ""],
                format: .text) == #"\#(Self.time) notice: sent count=3 empty="" to="a b""#)
    }

    @Test func aMessageCannotForgeALine() {
        let forged = "boom\n\(Self.time) info: all is well\r\u{1}"
        let line = LogLine.message(time: Self.time, level: .error, forged, requestID: nil, format: .text)
        // Lines after the first are indented: none starts like a log line.
        #expect(line == "\(Self.time) error: boom\n    \(Self.time) info: all is well\\x0d\\x01")
        let json = LogLine.message(time: Self.time, level: .error, forged, requestID: nil, format: .json)
        #expect(!json.contains("\n"))
    }

    @Test func jsonMessageLines() throws {
        let line = LogLine.message(
            time: Self.time, level: .warning, #"quote " and \ here"#, requestID: Self.id,
            metadata: ["rows": "3", "nested": ["a": ["1", "2"]], "time": "not the time"], label: "billing", format: .json)
        #expect(
            line
                == #"{"time":"\#(Self.time)","level":"warning","message":"quote \" and \\ here","request_id":"\#(Self.id)","logger":"billing","nested":{"a":["1","2"]},"rows":"3"}"#
        )
        let object = try Self.object(line)
        #expect(object["message"] as? String == #"quote " and \ here"#)
        let without = try Self.object(LogLine.message(time: Self.time, level: .info, "x", requestID: nil, format: .json))
        #expect(without["request_id"] is NSNull)
        #expect(Set(without.keys) == ["time", "level", "message", "request_id"])
    }

    @Test func accessLines() throws {
        #expect(
            LogLine.access(time: Self.time, Self.access(), format: .text)
                == #"\#(Self.time) 127.0.0.1 "GET /api/users/?page=2" 200 512 12.3ms w3 request_id=\#(Self.id)"#)
        #expect(
            LogLine.access(time: Self.time, Self.access(requestID: nil, clientGone: true), format: .text)
                == #"\#(Self.time) 127.0.0.1 "GET /api/users/?page=2" 200 512 12.3ms w3 client-gone"#)
        let json = try Self.object(LogLine.access(time: Self.time, Self.access(path: "/a\"b\n"), format: .json))
        #expect(json["time"] as? String == Self.time)
        #expect(json["level"] as? String == "info")
        #expect(json["message"] as? String == "GET /a\"b\n?page=2 200")
        #expect(json["request_id"] as? String == Self.id)
        #expect(json["type"] as? String == "access")
        #expect(json["method"] as? String == "GET")
        #expect(json["path"] as? String == "/a\"b\n")
        #expect(json["query"] as? String == "page=2")
        #expect(json["status"] as? Int == 200)
        #expect(json["bytes"] as? Int == 512)
        #expect(json["duration_ms"] as? Double == 12.3)
        #expect(json["remote_addr"] as? String == "127.0.0.1")
        #expect(json["worker"] as? Int == 3)
        #expect(json["client_gone"] as? Bool == false)
    }

    @Test func requestIDs() {
        for valid in [
            Self.id, "YWJj-ZGVm@x", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", String(repeating: "a", count: 128),
        ] {
            #expect(RequestID.validated(valid) == valid)
        }
        for invalid in [
            nil, "", "a b", "abc\r\nX-Admin: 1", "abc\n", "\"quoted\"", "é", "a;b", "a[b", "a`b", "a{b", "a\u{7f}", "a\u{0}",
            String(repeating: "a", count: 129),
            String(repeating: "x", count: 10_000),
        ] {
            #expect(RequestID.validated(invalid) == nil, "\(String(describing: invalid))")
        }
    }

    @Test func theRequestIDComesFromTheWebServersParamNotTheClientsHeader() {
        func request(_ params: [(String, String)]) -> Request {
            Request(params: [("REQUEST_METHOD", "GET"), ("PATH_INFO", "/x")] + params)
        }
        #expect(request([("REQUEST_ID", Self.id), ("HTTP_X_REQUEST_ID", "client-chosen")]).requestID == Self.id)
        #expect(request([("HTTP_X_REQUEST_ID", "client-chosen")]).requestID == nil)
        #expect(request([("UNIQUE_ID", "YWJjZGVmZ2hpamtsbW5vcA")]).requestID == "YWJjZGVmZ2hpamtsbW5vcA")
        #expect(request([("REQUEST_ID", "bad id\n"), ("UNIQUE_ID", "apache-id")]).requestID == "apache-id")
        #expect(request([("REQUEST_ID", String(repeating: "f", count: 10_000))]).requestID == nil)
    }

    /// A log on a pipe's write end; `lines()` reads what was written so far.
    final class PipeLog {
        let log: ServerLog
        let read: Int32
        let write: Int32

        init(format: ServerLog.Format = .text, level: Logger.Level = .info) {
            var fds: [Int32] = [0, 0]
            pipe(&fds)
            (read, write) = (fds[0], fds[1])
            _ = fcntl(read, F_SETFL, fcntl(read, F_GETFL) | O_NONBLOCK)
            log = ServerLog(descriptor: write, format: format, level: level)
        }

        func lines() -> [String] {
            var bytes: [UInt8] = []
            var buffer = [UInt8](repeating: 0, count: 65536)
            while true {
                let n = Glibc.read(read, &buffer, buffer.count)
                if n <= 0 { break }
                bytes += buffer[..<n]
            }
            return String(decoding: bytes, as: UTF8.self).split(separator: "\n").map(String.init)
        }

        deinit {
            close(read)
            close(write)
        }
    }

    @Test func loggerLinesGoToTheServerLogWithTheRequestID() throws {
        let pipe = PipeLog(format: .json, level: .info)
        var logger = Logger(label: "billing") { ServerLogHandler(label: $0, log: pipe.log) }
        logger[metadataKey: "request_id"] = .string(Self.id)
        logger.info("invoice sent", metadata: ["invoice": "42"])
        logger.debug("left out at info")
        var forged = logger
        forged[metadataKey: "request_id"] = "evil\nline"
        forged.warning("kept, its id as plain metadata")
        let lines = pipe.lines()
        try #require(lines.count == 2, "\(lines)")
        let first = try Self.object(lines[0])
        #expect(first["message"] as? String == "invoice sent")
        #expect(first["level"] as? String == "info")
        #expect(first["request_id"] as? String == Self.id)
        #expect(first["logger"] as? String == "billing")
        #expect(first["invoice"] as? String == "42")
        let second = try Self.object(lines[1])
        #expect(second["request_id"] is NSNull)
        #expect(!lines[1].contains("evil\n"))
    }

    @Test func theLogsLevelFiltersItsMessagesAndStartsItsLoggers() {
        let pipe = PipeLog(level: .warning)
        pipe.log.info("dropped")
        pipe.log.warning("kept")
        pipe.log.log(.critical, "kept too")
        let logger = Logger(label: "x") { ServerLogHandler(label: $0, log: pipe.log) }
        #expect(logger.logLevel == .warning)
        logger.notice("dropped")
        logger.error("from the logger")
        let lines = pipe.lines()
        #expect(lines.count == 3, "\(lines)")
        #expect(
            lines.map { $0.split(separator: " ", maxSplits: 1).last.map(String.init) ?? "" }
                == ["warning: kept", "critical: kept too", "error: from the logger"])
        #expect(lines.allSatisfy { $0.range(of: #"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z "#, options: .regularExpression) != nil })
    }
}
