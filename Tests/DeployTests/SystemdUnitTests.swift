import Foundation
import TestSupport
import Testing

/// `deploy/systemd/api-server.service` recovers by itself from a database outage longer than
/// its start attempts: every exit restarts it (a failing `ExecStartPre` migrate included), and
/// no start limit ever leaves it failed for good. systemd does not run as PID 1 here, so the
/// unit is checked as systemd reads it: its settings, and `systemd-analyze verify`.
@Suite struct SystemdUnitTests {
    static let unitPath = NginxProcess.projectRoot + "/deploy/systemd/api-server.service"

    /// `[Section]` → key → values, as systemd reads a unit (comments and blank lines skipped).
    static func sections(of text: String) -> [String: [String: [String]]] {
        var sections: [String: [String: [String]]] = [:]
        var current = ""
        for raw in text.split(separator: "\n") {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") || line.hasPrefix(";") { continue }
            if line.hasPrefix("[") && line.hasSuffix("]") {
                current = String(line.dropFirst().dropLast())
                continue
            }
            guard let equals = line.firstIndex(of: "=") else { continue }
            let key = String(line[..<equals]).trimmingCharacters(in: .whitespaces)
            sections[current, default: [:]][key, default: []].append(String(line[line.index(after: equals)...]))
        }
        return sections
    }

    @Test func restartsForeverAfterAnyExitIncludingAFailedMigrate() throws {
        let unit = Self.sections(of: try String(contentsOfFile: Self.unitPath, encoding: .utf8))
        // Start limits are [Unit] settings (in [Service] systemd warns and ignores them).
        #expect(unit["Unit"]?["StartLimitIntervalSec"] == ["0"])
        #expect(unit["Service"]?["StartLimitIntervalSec"] == nil && unit["Service"]?["StartLimitBurst"] == nil)
        #expect(unit["Service"]?["Restart"] == ["always"])
        let delay = unit["Service"]?["RestartSec"]?.last.flatMap { Int($0) } ?? 0
        #expect(delay >= 1, "RestartSec spaces the attempts during an outage")
        // migrate runs before every start, so each retry migrates again; no "-" prefix, which
        // would start api-server on a database migrate could not reach.
        let pre = unit["Service"]?["ExecStartPre"] ?? []
        #expect(pre.contains { $0.hasPrefix("/usr/local/bin/migrate ") })
    }

    /// The unit's own command line, the production shape (`--processes` with `--admin-listen`):
    /// the master serves /ready and /metrics over both worker processes, and stops drained.
    /// Run as the unit runs it, but on a socket of its own and a free admin port.
    @Test(.enabled(if: TestEnvironment.isAvailable, "needs Tests/run's built executables and database"))
    func theUnitsCommandLineServesMetricsOverItsWorkerProcesses() throws {
        let unit = Self.sections(of: try String(contentsOfFile: Self.unitPath, encoding: .utf8))
        let execStart = try #require(unit["Service"]?["ExecStart"]?.last)
        var arguments = execStart.split(separator: " ").map(String.init)
        #expect(arguments.first == "/usr/local/bin/api-server")
        #expect(arguments.contains("--processes") && arguments.contains("--admin-listen"), "\(execStart)")
        let adminIndex = try #require(arguments.firstIndex(of: "--admin-listen"))
        #expect(arguments[adminIndex + 1] == "127.0.0.1:9100", "loopback, as the README's scrape config says")
        let adminPort = freeLocalPort()
        arguments[adminIndex + 1] = "127.0.0.1:\(adminPort)"

        let folder = try TestEnvironment.makeTemporaryDirectory("unit-command")
        let server = try ChildProcess(
            TestEnvironment.executable("api-server"), Array(arguments.dropFirst()) + ["--listen", "unix:\(folder)/api.sock"],
            logPath: folder + "/server.log")
        defer { server.stop() }
        let processes = arguments[try #require(arguments.firstIndex(of: "--processes")) + 1]
        var ready: RawHTTPClient.Response?
        #expect(
            waitUntil(timeout: 15) {
                ready = try? RawHTTPClient.send(port: adminPort, method: "GET", path: "/ready", timeout: 5)
                return ready?.status == 200 && ready?.text.hasSuffix(" in \(processes) process(es)\n") == true
            }, "\(ready?.text ?? "") \(server.log)")
        let metrics = try RawHTTPClient.send(port: adminPort, method: "GET", path: "/metrics", timeout: 5)
        #expect(metrics.text.contains("srf_worker_processes \(processes)\n"), "\(metrics.text)")
        server.signal(SIGTERM)
        #expect(server.wait(timeout: 15) == 0, "\(server.log)")
    }

    @Test(.enabled(if: TestEnvironment.isAvailable, "needs Tests/run's built executables"))
    func systemdAnalyzeVerifyAcceptsTheUnits() throws {
        // verify checks that the executables exist: point the copies at this build's.
        let folder = try TestEnvironment.makeTemporaryDirectory("systemd")
        let bin = TestEnvironment.value("SRF_TEST_BIN")
        for name in ["api-server.service", "api-server.socket"] {
            let text = try String(contentsOfFile: NginxProcess.projectRoot + "/deploy/systemd/" + name, encoding: .utf8)
                .replacingOccurrences(of: "/usr/local/bin/", with: bin + "/")
            try text.write(toFile: folder + "/" + name, atomically: true, encoding: .utf8)
        }
        let result = try Subprocess.run(
            "/usr/bin/systemd-analyze", ["verify", "--man=no", folder + "/api-server.socket", folder + "/api-server.service"])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        // Unknown or misplaced keys are only warnings: none may appear.
        #expect(!result.stderr.contains("Unknown key") && !result.stderr.contains("Unknown section"), "\(result.stderr)")
    }
}
