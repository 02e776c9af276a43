import Foundation
import TestSupport
import Testing

/// `deploy/packages.sh` (run by `deploy/stack up`, `Tests/run` and the benchmark's scripts)
/// installs nothing when every package is there: no `apt-get update`, no sudo. Stand-ins for
/// apt-get and sudo first on the PATH write down every call.
@Suite(.needsTestsRun) struct PackagesScriptTests {
    /// The packages Tests/run, the instruction guard and the benchmark ask packages.sh for, read
    /// from the scripts' `SRF_EXTRA_PACKAGES="${SRF_EXTRA_PACKAGES:-} ..."` lines (a copy here
    /// had drifted: it lacked prometheus and chromium).
    static func testPackages() throws -> [String] {
        var packages: [String] = []
        for script in ["Tests/run", "Tests/Benchmarks/run", "Tests/Benchmarks/guard"] {
            let text = try String(contentsOfFile: NginxProcess.projectRoot + "/" + script, encoding: .utf8)
            for line in text.split(separator: "\n") {
                guard let start = line.range(of: "SRF_EXTRA_PACKAGES=\"${SRF_EXTRA_PACKAGES:-} ") else { continue }
                let rest = line[start.upperBound...]
                packages += (rest.firstIndex(of: "\"").map { rest[..<$0] } ?? rest).split(separator: " ").map(String.init)
            }
        }
        return packages
    }

    @Test func installsNothingWhenEverythingIsInstalled() throws {
        let packages = try Self.testPackages()
        for expected in ["apache2", "prometheus", "chromium", "pgbouncer", "nftables", "valgrind", "wrk"] {
            #expect(packages.contains(expected), "\(expected) not found in the scripts' lists: \(packages)")
        }
        let (result, calls) = try runPackagesScript(extra: packages.joined(separator: " "))
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
