import CLibPQ
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The keyword/value pairs handed to `PQconnectdbParams`.
///
/// libpq processes them in order and the last value of a keyword wins, which gives the
/// precedence we want: our defaults first, then the user's URL (expanded by libpq), then the
/// settings the client depends on (UTF-8, UTC) last so nothing can undo them. Inside `options`
/// the server applies `-c` switches in order too: the default `statement_timeout` goes before
/// the URL's (or `PGOPTIONS`') own, so theirs wins.
struct ConnectionParameters: Sendable {
    private(set) var keywords: [String] = []
    private(set) var values: [String] = []
    /// How long a statement may go unanswered (see `StatementDeadline`); nil: no limit.
    private(set) var statementDeadline: StatementDeadline?

    init(_ configuration: PostgresConfiguration) throws {
        if let problem = configuration.environmentProblem { throw PostgresError(kind: .client, message: problem) }
        let urlOptions = try Self.options(in: configuration.url)
        if let timeout = configuration.connectTimeout, environmentValue("PGCONNECT_TIMEOUT") == nil {
            add("connect_timeout", String(timeout))
        }
        if let keepalives = configuration.keepalives {
            add("keepalives", "1")
            add("keepalives_idle", String(keepalives.idle))
            add("keepalives_interval", String(keepalives.interval))
            add("keepalives_count", String(keepalives.count))
        }
        if let name = configuration.applicationName {
            add("fallback_application_name", name)
        }
        if !configuration.url.isEmpty {
            add("dbname", configuration.url)
        }
        // Decoding assumes UTF-8 text; timestamptz is parsed from its UTC text form; dates,
        // intervals and bytea from the output styles pinned below (a server's or an operator's
        // DateStyle, IntervalStyle or bytea_output would otherwise change what the parsers see).
        add("client_encoding", "UTF8")
        var options = ""
        if let timeout = configuration.statementTimeout {
            let (seconds, attoseconds) = timeout.components
            let milliseconds = max(0, seconds * 1000 + attoseconds / 1_000_000_000_000_000)
            options = "-c statement_timeout=\(milliseconds) "
        }
        if configuration.poolMode == .transaction {
            // PgBouncer refuses a startup `options` ("unsupported startup parameter"), or drops
            // it when told to ignore it: either way nothing in it would reach the server
            // connections the pooler lends. The settings are the server's (see `PoolMode`),
            // checked by `Connection.checkSessionSettings`; the timeout here only bounds the wait.
            if let given = urlOptions ?? environmentValue("PGOPTIONS") {
                throw PostgresError(
                    kind: .client,
                    message:
                        "the database URL (or PGOPTIONS) sets options \"\(given)\", which a transaction pooler does not pass on (DATABASE_POOL_MODE=transaction): set them on the role instead (ALTER ROLE ... SET)"
                )
            }
            statementDeadline = try StatementDeadline(options: options, grace: configuration.statementGrace)
            return
        }
        options += urlOptions ?? environmentValue("PGOPTIONS") ?? ""
        statementDeadline = try StatementDeadline(options: options, grace: configuration.statementGrace)
        options += " -c TimeZone=UTC -c DateStyle=ISO -c IntervalStyle=postgres -c bytea_output=hex"
        add("options", options)
    }

    private mutating func add(_ keyword: String, _ value: String) {
        keywords.append(keyword)
        values.append(value)
    }

    /// The `options` the URL itself carries (so ours can be appended rather than replace them);
    /// also where a malformed URL is reported, before any connection attempt.
    private static func options(in url: String) throws -> String? {
        guard !url.isEmpty else { return nil }
        var message: UnsafeMutablePointer<CChar>?
        guard let parsed = PQconninfoParse(url, &message) else {
            let text = message.map { String(cString: $0) } ?? "out of memory"
            if let message { PQfreemem(message) }
            throw PostgresError(kind: .client, message: "invalid database URL: " + text.trimmingTrailingWhitespace())
        }
        defer { PQconninfoFree(parsed) }
        var option = parsed
        while let keyword = option.pointee.keyword {
            if strcmp(keyword, "options") == 0, let value = option.pointee.val {
                return String(cString: value)
            }
            option += 1
        }
        return nil
    }

    /// Opens a connection; the C strings live only for the duration of the call.
    func connect() -> OpaquePointer? {
        let cKeywords = keywords.map { UnsafePointer(strdup($0)) }
        let cValues = values.map { UnsafePointer(strdup($0)) }
        defer {
            for pointer in cKeywords + cValues { free(UnsafeMutablePointer(mutating: pointer)) }
        }
        return (cKeywords + [nil]).withUnsafeBufferPointer { keywordArray in
            (cValues + [nil]).withUnsafeBufferPointer { valueArray in
                PQconnectdbParams(keywordArray.baseAddress, valueArray.baseAddress, 1)
            }
        }
    }
}

func environmentValue(_ name: String) -> String? {
    guard let value = getenv(name) else { return nil }
    return String(cString: value)
}

extension String {
    /// libpq's messages end with a newline (sometimes several lines); callers want one clean string.
    func trimmingTrailingWhitespace() -> String {
        var end = endIndex
        while end > startIndex, let last = self[..<end].last, last.isWhitespace { end = index(before: end) }
        return String(self[..<end])
    }

    /// libpq's connection errors run over several lines ("...failed: Connection refused\n\tIs the
    /// server running..."); a log line wants them on one.
    func joinedLines() -> String {
        split(whereSeparator: \.isNewline).map { $0.trimmingPrefix(while: \.isWhitespace) }.joined(separator: " ")
    }
}
