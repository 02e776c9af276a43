import Foundation
import TestSupport
import Testing

/// `deploy/stack up` as root from a clone under a folder only root may enter (/root, a 0700
/// home): PostgreSQL runs as postgres and nginx's workers as www-data, and both must still reach
/// the cluster and the sockets.
@Suite(.needsTestsRun, .enabled(if: geteuid() == 0, "runs the stack as root: needs Tests/run as root"))
struct RootStackTests {
    @Test func stackUpAndDownAsRootFromAPrivateFolder() throws {
        let outer = try TestEnvironment.makeTemporaryDirectory("root-home")
        let home = outer + "/root"
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: false)
        chmod(home, 0o700)
        let clone = try WorkingTreeClone.make(at: home + "/srf")
        let port = freeLocalPort()
        var environment = ProcessInfo.processInfo.environment
        environment["LD_PRELOAD"] = nil
        environment["PATH"] = TestUser.path  // no /usr/sbin: the script finds its tools itself
        environment.merge([
            "SRF_BIN_DIR": TestEnvironment.value("SRF_TEST_BIN"), "SRF_PORT": String(port),
            "SRF_PGPORT": String(freeLocalPort()), "SRF_WORKERS": "2",
        ]) { _, new in new }
        defer { _ = try? Subprocess.run(clone + "/deploy/stack", ["destroy"], environment: environment) }

        let up = try TestUser.check("stack up", Subprocess.run(clone + "/deploy/stack", ["up"], environment: environment))
        try expectUsefulAnswer(printed: up.stdout, port: port)
        let status = try Subprocess.run(clone + "/deploy/stack", ["status"], environment: environment)
        #expect(status.status == 0, "\(status.stdout)")
        // Nothing of the stack under the private folder was opened to others.
        var info = stat()
        stat(home, &info)
        #expect(info.st_mode & 0o777 == 0o700)
        try TestUser.check("stack down", Subprocess.run(clone + "/deploy/stack", ["down"], environment: environment))
    }
}
