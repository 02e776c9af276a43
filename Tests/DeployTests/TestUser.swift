import Foundation
import TestSupport

/// A real user without root, made for one test: a home only it may enter (mode 0700, Debian
/// 12's default) and passwordless sudo, as the README's "a user with sudo". Root only
/// (`useradd`); `remove()` deletes the user, its home and its sudoers file.
///
///     let user = try TestUser()
///     defer { user.remove() }
///     let result = try user.run("id -un")
final class TestUser: Sendable {
    let name: String
    let home: String
    /// The PATH of a Debian 12 login without root: no /usr/sbin, where nginx, apache2, runuser
    /// and useradd live.
    static let path = "/usr/local/bin:/usr/bin:/bin:/usr/local/games:/usr/games"
    private var sudoers: String { "/etc/sudoers.d/" + name }

    init() throws {
        guard geteuid() == 0 else { throw TestSupportError("TestUser needs root (useradd)") }
        name = "srf-t-" + UUID().uuidString.prefix(8).lowercased()
        home = "/home/" + name
        try Self.check(
            "useradd", Subprocess.run("/usr/sbin/useradd", ["--create-home", "--home-dir", home, "--shell", "/bin/bash", name]))
        guard chmod(home, 0o700) == 0 else { throw TestSupportError("chmod 0700 \(home): errno \(errno)") }
        try "\(name) ALL=(ALL:ALL) NOPASSWD: ALL\n".write(toFile: sudoers, atomically: true, encoding: .utf8)
        chmod(sudoers, 0o440)
        // The user really has sudo (sudo is among Tests/run's packages), or the test says so.
        try Self.check("sudo as \(name)", run("sudo -n true"))
    }

    /// `script` in bash as this user, with a login's environment (HOME, USER, the PATH above)
    /// plus `environment`, nothing of the test process's.
    func run(_ script: String, environment: [String: String] = [:]) throws -> Subprocess.Result {
        let base = ["HOME": home, "USER": name, "LOGNAME": name, "PATH": Self.path, "LANG": "C.UTF-8"]
        let variables = base.merging(environment) { _, given in given }.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        return try Subprocess.run(
            "/usr/sbin/runuser", ["-u", name, "--", "/usr/bin/env", "-i"] + variables + ["/bin/bash", "-c", "cd && " + script])
    }

    /// Gives `path` (and what is below it) to this user.
    func own(_ path: String) throws {
        try Self.check("chown", Subprocess.run("/bin/chown", ["-R", "\(name):\(name)", path]))
    }

    func remove() {
        _ = try? Subprocess.run("/usr/sbin/userdel", ["--remove", "--force", name])
        unlink(sudoers)
    }

    /// Throws with the command's output unless it exited 0.
    @discardableResult
    static func check(_ what: String, _ result: Subprocess.Result) throws -> Subprocess.Result {
        guard result.status == 0 else {
            throw TestSupportError("\(what) exited \(result.status):\n\(result.stdout)\(result.stderr)")
        }
        return result
    }
}
