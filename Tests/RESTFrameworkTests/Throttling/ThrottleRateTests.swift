import Testing
@testable import RESTFramework

/// DRF's rate syntax (`parse_rate`: the period's first letter), the wait formula
/// (`SimpleRateThrottle.wait`) and `get_ident`.
@Suite struct ThrottleRateTests {
    @Test func ratesParseAsDRFDoes() throws {
        let cases: [(String, Int, Int)] = [
            ("100/min", 100, 60), ("5/s", 5, 1), ("1000/day", 1000, 86400), ("10/h", 10, 3600),
            ("3/sec", 3, 1), ("3/second", 3, 1), ("7/m", 7, 60), ("7/hour", 7, 3600), ("2/d", 2, 86400), ("0/min", 0, 60),
        ]
        for (text, count, duration) in cases {
            let rate = try ThrottleRate(text)
            #expect(rate.numRequests == count, "\(text)")
            #expect(rate.duration == duration, "\(text)")
        }
    }

    @Test func badRatesAreRefusedWithTheSyntax() {
        for text in ["100", "100/", "x/min", "100/week", "1/2/min", "", "-1/min"] {
            do {
                _ = try ThrottleRate(text)
                Issue.record("\(text) accepted")
            } catch {
                #expect(error.message.contains("number/period"), "\(text)")
            }
        }
    }

    @Test func scopeRatePairs() throws {
        let rates = try ThrottleRates(parsing: "anon=100/min, user=1000/min,login=5/min")
        #expect(rates["anon"] == ThrottleRate(numRequests: 100, duration: 60))
        #expect(rates["user"]?.numRequests == 1000)
        #expect(rates["login"] == ThrottleRate(numRequests: 5, duration: 60))
        #expect(rates["other"] == nil)
        #expect(try ThrottleRates(parsing: "").isEmpty)
        #expect(throws: ImproperlyConfigured.self) { try ThrottleRates(parsing: "anon:100/min") }
        #expect(throws: ImproperlyConfigured.self) { try ThrottleRates(parsing: "anon=100/fortnight") }
    }

    /// DRF: `(duration - (now - history[-1])) / (num_requests - len(history) + 1)`.
    @Test func waitIsDRFsFormula() {
        // Full window of 5/min, oldest hit 20 s ago: 40 s.
        let full = ThrottleHistory(allowed: false, count: 5, now: 1000, oldest: 980)
        #expect(full.wait(limit: 5, duration: 60) == 40)
        // Rate lowered below the history: DRF answers None.
        #expect(ThrottleHistory(allowed: false, count: 7, now: 1000, oldest: 980).wait(limit: 5, duration: 60) == nil)
        // History shorter than the limit (a window that is not full): shared among those left.
        #expect(ThrottleHistory(allowed: false, count: 3, now: 1000, oldest: 980).wait(limit: 5, duration: 60) == 40.0 / 3)
        // Empty history: the whole window.
        #expect(ThrottleHistory(allowed: false, count: 0, now: 1000, oldest: nil).wait(limit: 0, duration: 60) == 60)
        // 2.5 s left becomes DRF's "3 seconds" (math.ceil), 0.4 s "1 second".
        #expect(
            Throttled(waitSeconds: ThrottleHistory(allowed: false, count: 5, now: 10, oldest: 8.5).wait(limit: 5, duration: 4)).message
                == "Request was throttled. Expected available in 3 seconds.")
        #expect(
            Throttled(waitSeconds: ThrottleHistory(allowed: false, count: 1, now: 10, oldest: 9.6).wait(limit: 1, duration: 1)).message
                == "Request was throttled. Expected available in 1 second.")
    }

    @Test func rateLimitFiguresOfADecision() {
        let allowed = ThrottleHistory(allowed: true, count: 2, now: 100, oldest: 90).decision(limit: 5, duration: 60)
        #expect(allowed == ThrottleDecision(allowed: true, wait: nil, limit: 5, remaining: 3, reset: 50))
        let refused = ThrottleHistory(allowed: false, count: 5, now: 100, oldest: 90).decision(limit: 5, duration: 60)
        #expect(refused == ThrottleDecision(allowed: false, wait: 50, limit: 5, remaining: 0, reset: 50))
    }

    @Test func identAsDRFsGetIdent() {
        func request(_ xff: String?, remote: String? = "10.0.0.9") -> Request {
            Request(method: .get, path: "/", headers: xff.map { ["X-Forwarded-For": $0] } ?? [:], remoteAddress: remote)
        }
        // NUM_PROXIES unset: the whole header without whitespace, else REMOTE_ADDR.
        #expect(ClientIdent.ident(request(nil), numProxies: nil) == "10.0.0.9")
        #expect(ClientIdent.ident(request(""), numProxies: nil) == "10.0.0.9")
        #expect(ClientIdent.ident(request("1.1.1.1, 2.2.2.2"), numProxies: nil) == "1.1.1.1,2.2.2.2")
        // NUM_PROXIES = 0: REMOTE_ADDR, whatever the header says.
        #expect(ClientIdent.ident(request("1.1.1.1"), numProxies: 0) == "10.0.0.9")
        // NUM_PROXIES = n: the n-th address from the end, stripped; never out of range.
        #expect(ClientIdent.ident(request("1.1.1.1, 2.2.2.2, 3.3.3.3"), numProxies: 1) == "3.3.3.3")
        #expect(ClientIdent.ident(request("1.1.1.1, 2.2.2.2, 3.3.3.3"), numProxies: 2) == "2.2.2.2")
        #expect(ClientIdent.ident(request("1.1.1.1, 2.2.2.2"), numProxies: 5) == "1.1.1.1")
        #expect(ClientIdent.ident(request(nil), numProxies: 1) == "10.0.0.9")
        #expect(ClientIdent.ident(request(",", remote: nil), numProxies: 1) == "")
    }
}
