import Foundation
import Synchronization
import TestSupport
import Testing

/// `--admin-listen` with `--processes`, as the systemd unit runs it: the master serves
/// /health, /ready and /metrics over every worker process, through kill -9 and reload. Real
/// processes, a real database, nginx in front.
@Suite(.needsTestsRun, .serialized) struct AdminProcessesTests {
    typealias Admin = AdminEndpointTests

    /// A stack of `--processes 2 --workers 2` with the admin server, once both processes serve.
    static func stack(adminPort: Int) throws -> APIStack {
        let stack = try APIStack(
            arguments: ["--processes", "2", "--workers", "2", "--access-log", "off", "--admin-listen", "127.0.0.1:\(adminPort)"])
        let serving = waitUntil(timeout: 15) {
            (try? Admin.admin(adminPort, "/ready"))?.text == "ready: 4 worker(s) in 2 process(es)\n"
        }
        guard serving else { throw TestSupportError("not ready: \((try? Admin.admin(adminPort, "/ready"))?.text ?? "") \(stack.logs)") }
        return stack
    }

    /// `count` GETs of the list through nginx, 8 at a time, so that both processes take some.
    static func listInParallel(_ stack: APIStack, _ count: Int) -> [Int] {
        let statuses = Mutex([Int]())
        DispatchQueue.concurrentPerform(iterations: 8) { client in
            for _ in stride(from: client, to: count, by: 8) {
                let status = (try? stack.send("GET", "/api/public-accounts/"))?.status ?? -1
                statuses.withLock { $0.append(status) }
            }
        }
        return statuses.withLock { $0 }
    }

    static let listed = #"srf_http_requests_total{route="public-account-list",method="GET",status="200"}"#

    @Test func requestsOfEveryProcessAreSummedAndAKilledProcessLosesNone() throws {
        let adminPort = freeLocalPort()
        let stack = try Self.stack(adminPort: adminPort)
        #expect(Self.listInParallel(stack, 40) == Array(repeating: 200, count: 40), "\(stack.logs)")

        var scrape = try Admin.scrape(adminPort) { $0[Self.listed] == 40 }
        var samples = Admin.samples(scrape.text)
        #expect(samples[Self.listed] == 40, "\(scrape.text)")
        #expect(samples[#"srf_http_request_duration_seconds_count{route="public-account-list"}"#] == 40)
        #expect((samples["srf_db_query_duration_seconds_count"] ?? 0) >= 40, "the workers' statements, every process's")
        #expect(samples[#"srf_workers{state="idle"}"#] == 4, "2 processes × 2 threads")
        #expect(samples["srf_worker_processes"] == 2)
        #expect(samples[#"srf_worker_process_restarts_total{cause="killed"}"#] == 0)
        let promtool = try Promtool.checkMetrics(scrape.text)
        #expect(promtool.status == 0, "promtool: \(promtool.stdout)\(promtool.stderr)")

        // kill -9 one worker process: the master replaces it and counts the restart; what the
        // dead one counted stays counted.
        let victim = try #require(workerProcesses(of: stack.server.pid).first)
        kill(victim, SIGKILL)
        scrape = try Admin.scrape(adminPort) { samples in
            samples[#"srf_worker_process_restarts_total{cause="killed"}"#] == 1 && samples[#"srf_workers{state="idle"}"#] == 4
        }
        samples = Admin.samples(scrape.text)
        #expect(samples[#"srf_worker_process_restarts_total{cause="killed"}"#] == 1, "\(scrape.text)\(stack.logs)")
        #expect(samples[#"srf_workers{state="idle"}"#] == 4, "the replacement's threads, and none of the dead one's")
        #expect(samples[Self.listed] == 40, "counters never go backwards")
        #expect(waitUntil(timeout: 5) { (try? Admin.admin(adminPort, "/ready"))?.status == 200 })
        #expect(!workerProcesses(of: stack.server.pid).contains(victim))

        #expect(Self.listInParallel(stack, 16) == Array(repeating: 200, count: 16), "\(stack.logs)")
        samples = Admin.samples(try Admin.scrape(adminPort) { $0[Self.listed] == 56 }.text)
        #expect(samples[Self.listed] == 56)
        #expect(samples[#"srf_worker_process_restarts_total{cause="recycled"}"#] == 0)
        #expect(try Admin.admin(adminPort, "/health").status == 200)
    }

    /// SIGHUP: new worker processes take over from the old ones; the counts go on from where
    /// they were (a reload is no restart), and /ready is back to all four threads.
    @Test func aReloadKeepsTheCountsAndComesBackReady() throws {
        let adminPort = freeLocalPort()
        let stack = try Self.stack(adminPort: adminPort)
        #expect(Self.listInParallel(stack, 24) == Array(repeating: 200, count: 24), "\(stack.logs)")
        #expect(Admin.samples(try Admin.scrape(adminPort) { $0[Self.listed] == 24 }.text)[Self.listed] == 24)
        let old = Set(workerProcesses(of: stack.server.pid))

        stack.server.signal(SIGHUP)
        let reloaded = waitUntil(timeout: 15) {
            let now = Set(workerProcesses(of: stack.server.pid))
            return now.count == 2 && now.isDisjoint(with: old)
        }
        #expect(reloaded, "\(stack.logs)")
        let scrape = try Admin.scrape(adminPort) { $0[#"srf_workers{state="idle"}"#] == 4 && $0["srf_worker_processes"] == 2 }
        let samples = Admin.samples(scrape.text)
        #expect(samples[#"srf_workers{state="idle"}"#] == 4, "the old processes' threads are gone: \(scrape.text)")
        #expect(samples[Self.listed] == 24, "counters never go backwards")
        for cause in ["recycled", "exited", "trapped", "killed"] {
            #expect(samples[#"srf_worker_process_restarts_total{cause="\#(cause)"}"#] == 0, "a reload is no restart")
        }
        let ready = try Admin.admin(adminPort, "/ready")
        #expect(ready.status == 200 && ready.text == "ready: 4 worker(s) in 2 process(es)\n", "\(ready.text)")

        #expect(Self.listInParallel(stack, 8) == Array(repeating: 200, count: 8), "\(stack.logs)")
        #expect(Admin.samples(try Admin.scrape(adminPort) { $0[Self.listed] == 32 }.text)[Self.listed] == 32)
    }

    /// The live (not zombie) children of `parent`: the master's worker processes.
    func workerProcesses(of parent: pid_t) -> [pid_t] { childPIDs(of: parent) }
}
