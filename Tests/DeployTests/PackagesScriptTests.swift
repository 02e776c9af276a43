import Foundation
import TestSupport
import Testing

/// `deploy/packages.sh` (run by `deploy/stack up`, `Tests/run` and the benchmark's scripts)
/// installs nothing when every package is there: no `apt-get update`, no sudo. Stand-ins for
/// apt-get and sudo first on the PATH write down every call.
@Suite(.needsTestsRun) struct PackagesScriptTests {
    /// Tests/run's packages (the stack's, Apache's, sudo, git, systemd, PgBouncer), the instruction guard's and the benchmark's.
    static let testPackages =
        "apache2 libapache2-mod-fcgid sudo git systemd pgbouncer valgrind python3 wrk gcc libc6-dev python3-venv"
        + " iproute2 nftables"  // SeveralHostsTests' network namespaces and firewall

    @Test func installsNothingWhenEverythingIsInstalled() throws {
        let (result, calls) = try runPackagesScript(extra: Self.testPackages)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(calls == "", "packages.sh ran: \(calls)")
        #expect(result.stderr == "")
    }

    /// The stand-ins do catch a call: a package that is missing makes the script reach for apt.
    @Test func aMissingPackageReachesForAptGet() throws {
        let (result, calls) = try runPackagesScript(extra: "srf-no-such-package")
        #expect(result.status != 0)
        #expect(calls.contains("apt-get update"), "calls: \(calls)")
        #expect(result.stderr.contains("installing: srf-no-such-package"))
    }

    private func runPackagesScript(extra: String) throws -> (Subprocess.Result, String) {
        let folder = try TestEnvironment.makeTemporaryDirectory("packages")
        let log = folder + "/calls.log"
        for tool in ["apt-get", "apt", "sudo"] {
            let path = folder + "/" + tool
            try "#!/bin/sh\necho \"\(tool) $*\" >>\(log)\nexit 1\n".write(toFile: path, atomically: true, encoding: .utf8)
            chmod(path, 0o755)
        }
        let result = try Subprocess.run(
            NginxProcess.projectRoot + "/deploy/packages.sh", [],
            environment: ["PATH": folder + ":" + TestUser.path, "SRF_EXTRA_PACKAGES": extra, "HOME": folder])
        return (result, (try? String(contentsOfFile: log, encoding: .utf8)) ?? "")
    }
}
