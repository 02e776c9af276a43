import Foundation
import TestSupport
import Testing

/// The README's two commands for a user without root: `deploy/stack up` (twice), `down`, and
/// the cluster start of `Tests/run`, from a clone in a home only that user may enter, with a
/// PATH that lacks /usr/sbin. Under `Tests/run` as root (CI) this test is real: the user is
/// created, and anything the machine cannot do fails it. A `Tests/run` without root is itself
/// the user's run, and cannot create another.
@Suite(.needsTestsRun, .enabled(if: geteuid() == 0, "creates a user: needs Tests/run as root"))
struct StackAsUserTests {
    @Test func stackUpTwiceAndDownAsAUserWithSudoFromAPrivateHome() throws {
        let user = try TestUser()
        defer { user.remove() }
        let clone = try WorkingTreeClone.make(at: user.home + "/srf")
        let bin = try WorkingTreeClone.prebuiltBinaries(at: user.home + "/prebuilt")
        try user.own(clone)
        try user.own(bin)
        let port = freeLocalPort()
        let settings = [
            "SRF_BIN_DIR": bin, "SRF_PORT": String(port), "SRF_PGPORT": String(freeLocalPort()), "SRF_WORKERS": "2",
        ]
        defer { _ = try? user.run("srf/deploy/stack down", environment: settings) }

        let first = try TestUser.check("stack up", user.run("srf/deploy/stack up", environment: settings))
        try expectUsefulAnswer(printed: first.stdout, port: port)
        let pidFile = clone + "/.local/run/api-server.pid"
        let firstPid = try pid(in: pidFile)
        #expect(try owner(of: firstPid) == user.name)

        // A new binary in place of the old (a rebuild writes a new file), then `up` again.
        let binary = bin + "/api-server"
        try FileManager.default.removeItem(atPath: binary)
        try FileManager.default.copyItem(atPath: TestEnvironment.executable("api-server"), toPath: binary)
        try user.own(binary)
        let second = try TestUser.check("stack up (again)", user.run("srf/deploy/stack up", environment: settings))
        let secondPid = try pid(in: pidFile)
        #expect(secondPid != firstPid, "\(second.stderr)")
        #expect(kill(firstPid, 0) != 0, "the old api-server (pid \(firstPid)) still runs")
        #expect(try inode(of: "/proc/\(secondPid)/exe") == inode(of: binary), "api-server runs an old binary")
        try expectUsefulAnswer(printed: second.stdout, port: port)

        try TestUser.check("stack down", user.run("srf/deploy/stack down", environment: settings))
        let status = try user.run("srf/deploy/stack status", environment: settings)
        #expect(status.status == 3)
        #expect(status.stdout.contains("postgresql  stopped") && status.stdout.contains("nginx       stopped"), "\(status.stdout)")
        #expect(kill(secondPid, 0) != 0)
    }

    /// `Tests/run`'s own cluster start (Tests/cluster.sh), as the user, from the clone.
    @Test func testsRunClusterStartsAsAUserFromAPrivateHome() throws {
        let user = try TestUser()
        defer { user.remove() }
        try WorkingTreeClone.make(at: user.home + "/srf")
        try user.own(user.home + "/srf")
        let script = """
            . srf/Tests/cluster.sh
            work="$(mktemp -d /tmp/srf-test.XXXXXX)"
            trap 'cluster_stop "$work"; rm -rf "$work"' EXIT
            port=\(freeLocalPort())
            cluster_start "$work" "$port"
            "$PGBIN/psql" -h "$work/pgsock" -p "$port" -U postgres -XAtc \
              "SELECT pg_catalog.pg_get_userbyid(datdba) FROM pg_database WHERE datname = 'postgres'" postgres
            id -un
            """
        let result = try TestUser.check("cluster start as \(user.name)", user.run(script))
        // The cluster's files belong to the user who started it; its role is postgres, as in Tests/run.
        #expect(result.stdout == "postgres\n\(user.name)\n")
    }
}

/// The URL `stack up` prints last answers with the API root's links, not a 404.
func expectUsefulAnswer(printed: String, port: Int, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let url = printed.split(separator: "\n").last.map(String.init) ?? ""
    let prefix = "http://127.0.0.1:\(port)"
    #expect(url.hasPrefix(prefix + "/"), "printed: \(printed)", sourceLocation: sourceLocation)
    let path = String(url.dropFirst(prefix.count))
    let response = try RawHTTPClient.send(port: port, method: "GET", path: path.isEmpty ? "/" : path)
    #expect(response.status == 200, "GET \(url): \(response.status) \(response.text)", sourceLocation: sourceLocation)
    #expect(response.text.contains("\(prefix)/api/"), "GET \(url): \(response.text)", sourceLocation: sourceLocation)
}

func pid(in file: String) throws -> pid_t {
    let text = try String(contentsOfFile: file, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
    guard let pid = pid_t(text) else { throw TestSupportError("no pid in \(file): \(text)") }
    return pid
}

func owner(of pid: pid_t) throws -> String {
    var info = stat()
    guard stat("/proc/\(pid)", &info) == 0, let entry = getpwuid(info.st_uid) else { throw TestSupportError("no process \(pid)") }
    return String(cString: entry.pointee.pw_name)
}

func inode(of path: String) throws -> ino_t {
    var info = stat()
    guard stat(path, &info) == 0 else { throw TestSupportError("stat \(path): errno \(errno)") }
    return info.st_ino
}
