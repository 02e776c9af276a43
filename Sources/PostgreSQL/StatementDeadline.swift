/// How long a connection waits for the server to say anything while a statement runs, before it
/// gives up on the session: the session's `statement_timeout` plus a grace.
///
/// Why: `statement_timeout` is enforced by the server. A server that froze (a stopped process,
/// a host that stalls) enforces nothing, a unix socket has no keepalive, and a worker blocked in
/// libpq's own wait would stay blocked until the server resumed. With every worker waiting
/// there, the whole API hangs. A server that is merely slow has cancelled the statement itself
/// by the end of its `statement_timeout` (SQLSTATE 57014), so the grace only has to cover the
/// cancel's delivery: a deadline that passes means the server is not answering at all.
///
/// The timeout is the one the client sets up for the session, read from the startup `options`
/// (`PostgresConfiguration.statementTimeout`, then the URL's or `PGOPTIONS`' own
/// `-c statement_timeout=...`, last one wins). `0` there (no limit) means no deadline either. The
/// grace is `PostgresConfiguration.statementGrace`, or `-c srf.statement_grace=...` in the same
/// `options` (a custom setting the server accepts and ignores, so it travels in `DATABASE_URL`).
/// For example (not compiled: an environment setting and its effect):
///
///     // DATABASE_URL=postgres://api@db/api?options=-c%20statement_timeout%3D10s%20-c%20srf.statement_grace%3D2s
///     // → a statement whose server says nothing for 12 s fails with `isConnectionLost`
struct StatementDeadline: Sendable, Equatable {
    /// The deadline as `poll`'s timeout.
    let milliseconds: Int32

    /// The custom setting for the grace in `options`.
    static let graceSetting = "srf.statement_grace"

    /// nil: no deadline (no client-set `statement_timeout`, a timeout of 0, or no grace).
    init?(options: String, grace defaultGrace: Duration?) throws {
        var timeout: String?
        var grace: String?
        for (name, value) in Self.settings(inOptions: options) {
            if name == "statement_timeout" { timeout = value }
            if name == Self.graceSetting { grace = value }
        }
        var graceMilliseconds = defaultGrace.map(Self.milliseconds(of:))
        if let grace {
            guard let parsed = Self.milliseconds(ofTimeSetting: grace), parsed >= 0 else {
                throw PostgresError(
                    kind: .client,
                    message: "invalid value for \(Self.graceSetting): \"\(grace)\" (a time such as 500ms or 5s)")
            }
            graceMilliseconds = parsed
        }
        // An unreadable statement_timeout is refused by the server when the session starts.
        guard let timeout, let timeoutMilliseconds = Self.milliseconds(ofTimeSetting: timeout),
            timeoutMilliseconds > 0, let graceMilliseconds
        else { return nil }
        milliseconds = Int32(clamping: Int64(min(timeoutMilliseconds + graceMilliseconds, Double(Int32.max))))
    }

    var duration: Duration { .milliseconds(milliseconds) }

    private static func milliseconds(of duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return max(0, Double(seconds) * 1000 + Double(attoseconds) / 1e15)
    }

    // MARK: Reading `options` as the server does

    /// The `-c name=value` / `--name=value` switches of a startup `options` string, in order.
    /// Split like the server's `pg_split_opts`: on whitespace, a backslash keeps the next
    /// character; names are case-insensitive and `-` in a name means `_`.
    static func settings(inOptions options: String) -> [(name: String, value: String)] {
        var words: [String] = []
        var word = ""
        var inWord = false
        var escaped = false
        for character in options {
            if escaped {
                word.append(character)
                escaped = false
            } else if character == "\\" {
                escaped = true
                inWord = true
            } else if character.isWhitespace {
                if inWord { words.append(word) }
                word = ""
                inWord = false
            } else {
                word.append(character)
                inWord = true
            }
        }
        if inWord { words.append(word) }

        var settings: [(name: String, value: String)] = []
        var index = 0
        while index < words.count {
            var setting: Substring?
            if words[index] == "-c", index + 1 < words.count {
                index += 1
                setting = words[index][...]
            } else if words[index].hasPrefix("-c") {
                setting = words[index].dropFirst(2)
            } else if words[index].hasPrefix("--") {
                setting = words[index].dropFirst(2)
            }
            index += 1
            guard let setting, let equals = setting.firstIndex(of: "=") else { continue }
            let name = setting[..<equals].lowercased().replacingDashes()
            settings.append((name, String(setting[setting.index(after: equals)...])))
        }
        return settings
    }

    /// A time setting in milliseconds, as the server reads `statement_timeout`: a number
    /// (fractions allowed) and an optional unit (`us`, `ms`, `s`, `min`, `h`, `d`; none: ms).
    static func milliseconds(ofTimeSetting text: String) -> Double? {
        let trimmed = String(text.trimmingPrefix(while: \.isWhitespace)).trimmingTrailingWhitespace()
        let unit = String(trimmed.reversed().prefix { $0.isLetter }.reversed())
        let number = String(trimmed.dropLast(unit.count)).trimmingTrailingWhitespace()
        let scale: Double
        switch unit {
        case "": scale = 1
        case "us": scale = 0.001
        case "ms": scale = 1
        case "s": scale = 1000
        case "min": scale = 60_000
        case "h": scale = 3_600_000
        case "d": scale = 86_400_000
        default: return nil
        }
        guard let value = Double(number), value.isFinite else { return nil }
        return (value * scale).rounded()
    }
}

private extension String {
    func replacingDashes() -> String {
        String(map { $0 == "-" ? "_" : $0 })
    }
}
