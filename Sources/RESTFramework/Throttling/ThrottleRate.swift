/// A throttle rate in DRF's syntax, `number/period`: `100/min`, `5/s`, `1000/day`, `10/h`. As
/// DRF's `parse_rate`, only the period's first letter counts (`s`, `m`, `h`, `d`), so `5/sec`,
/// `5/second` and `5/s` are one rate.
///
///     let rate = try ThrottleRate("100/min")   // 100 requests per 60 seconds
///     rate.numRequests   // 100
///     rate.duration      // 60
public struct ThrottleRate: Sendable, Equatable, CustomStringConvertible {
    /// DRF's `num_requests`: how many requests the window lets through.
    public let numRequests: Int
    /// DRF's `duration`: the window, in seconds.
    public let duration: Int
    /// The text it was parsed from, for messages and `description`.
    public let text: String

    public init(numRequests: Int, duration: Int) {
        self.numRequests = numRequests
        self.duration = duration
        text = "\(numRequests)/\(duration)s"
    }

    /// Parses `text`; a rate DRF would fail on (no `/`, a count that is not a whole number, a
    /// period starting with another letter) is refused with a message that shows the syntax.
    public init(_ text: String) throws(ImproperlyConfigured) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let count = Int(parts[0].trimmingSpaces), count >= 0,
            let unit = parts[1].first, let seconds = Self.periods[unit]
        else {
            throw ImproperlyConfigured(
                "Invalid throttle rate \"\(text)\": write number/period, the period being s, min, h or day "
                    + "(only its first letter counts, as in DRF), e.g. \"100/min\".")
        }
        numRequests = count
        duration = seconds
        self.text = text
    }

    /// DRF's table: the first letter of the period, in seconds.
    static let periods: [Character: Int] = ["s": 1, "m": 60, "h": 3600, "d": 86400]

    public var description: String { text }

    /// Equal when they let through the same: `5/s` and `5/sec` are one rate.
    public static func == (lhs: ThrottleRate, rhs: ThrottleRate) -> Bool {
        lhs.numRequests == rhs.numRequests && lhs.duration == rhs.duration
    }
}

/// DRF's `DEFAULT_THROTTLE_RATES`: the rate of each scope (`anon`, `user`, a view's
/// `throttleScope`). Parsed once, when the settings are made, so a typo fails at start-up.
///
///     settings.throttleRates = try ThrottleRates(["anon": "100/min", "user": "1000/day"])
///     settings.throttleRates = try ThrottleRates(parsing: "anon=100/min,user=1000/min,login=5/min")
public struct ThrottleRates: Sendable, Equatable {
    public private(set) var rates: [String: ThrottleRate]

    public init() { rates = [:] }

    public init(_ rates: [String: String]) throws(ImproperlyConfigured) {
        var parsed: [String: ThrottleRate] = [:]
        for (scope, text) in rates { parsed[scope] = try ThrottleRate(text) }
        self.rates = parsed
    }

    /// `scope=rate` pairs separated by commas (spaces around them ignored), the form an
    /// environment variable carries.
    public init(parsing text: String) throws(ImproperlyConfigured) {
        var parsed: [String: ThrottleRate] = [:]
        for pair in text.split(separator: ",") where !pair.trimmingSpaces.isEmpty {
            let sides = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard sides.count == 2, !sides[0].trimmingSpaces.isEmpty else {
                throw ImproperlyConfigured(
                    "Invalid throttle rates \"\(text)\": write scope=rate pairs separated by commas, "
                        + "e.g. \"anon=100/min,user=1000/min\".")
            }
            parsed[String(sides[0].trimmingSpaces)] = try ThrottleRate(String(sides[1].trimmingSpaces))
        }
        rates = parsed
    }

    public subscript(scope: String) -> ThrottleRate? {
        get { rates[scope] }
        set { rates[scope] = newValue }
    }

    public var isEmpty: Bool { rates.isEmpty }
}

extension Substring {
    fileprivate var trimmingSpaces: Substring {
        var text = self
        while text.first == " " { text.removeFirst() }
        while text.last == " " { text.removeLast() }
        return text
    }
}
