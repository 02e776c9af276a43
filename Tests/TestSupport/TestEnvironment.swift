import Foundation
import Testing

/// What `Tests/run` exported for the integration tests: the throwaway PostgreSQL cluster, the
/// folder holding the built executables, the nginx binary.
///
/// A plain `swift test` has none of it: the suites that need it carry `.needsTestsRun` and are
/// skipped with a message saying to run `Tests/run`, while the unit tests run. `Tests/run`
/// exports `SRF_TEST_RUN=1`; under it nothing is skipped, and a variable missing there is a
/// hard failure naming the command to use.
public enum TestEnvironment {
    /// Whether `Tests/run` started this process (and so exported everything below).
    public static let isAvailable = ProcessInfo.processInfo.environment["SRF_TEST_RUN"] == "1"

    public static func value(_ name: String) -> String {
        guard let value = ProcessInfo.processInfo.environment[name], !value.isEmpty else {
            fatalError("\(name) is not set: run the integration tests with `Tests/run`, which starts PostgreSQL and exports it.")
        }
        return value
    }

    /// `postgres://postgres@/srf_test?host=<socket dir>&port=<port>`
    public static var databaseURL: String { value("DATABASE_URL") }
    public static var postgresBin: String { value("SRF_TEST_PGBIN") }
    public static var postgresData: String { value("SRF_TEST_PGDATA") }
    public static var postgresSocketDirectory: String { value("SRF_TEST_PGSOCK") }
    public static var postgresPort: String { value("SRF_TEST_PGPORT") }
    public static var nginx: String { value("SRF_TEST_NGINX") }
    public static var apache: String { value("SRF_TEST_APACHE") }
    /// The close check `Tests/run` preloads into every process (Tests/CloseCheck/closecheck.c).
    public static var closeCheckLibrary: String { value("SRF_CLOSE_CHECK_LIBRARY") }
    /// A scratch folder that `Tests/run` removes afterwards; readable by the postgres user.
    public static var workDirectory: String { value("SRF_TEST_WORK") }

    /// Path of an executable product (`api-server`, `migrate`) of this build.
    public static func executable(_ name: String) -> String {
        let path = value("SRF_TEST_BIN") + "/" + name
        guard FileManager.default.isExecutableFile(atPath: path) else {
            fatalError("\(path) is missing: build with `swift build --build-tests` (Tests/run does).")
        }
        return path
    }

    /// The user and group the web servers' workers run as, as Debian runs them: nginx's
    /// `user` and Apache's `User`/`Group` (both ignored when the tests do not run as root: then
    /// the web server, the responder and its socket all belong to the same user).
    public static let webServerUser = "www-data"

    /// What api-server needs so that the web server may connect to its socket (mode 0660 by
    /// default): as root, the web server's group on the socket, as deploy/ documents.
    public static var socketGroupArguments: [String] {
        geteuid() == 0 ? ["--socket-group", webServerUser] : []
    }

    /// A fresh folder under the work directory, for sockets, configs and logs of one test.
    public static func makeTemporaryDirectory(_ prefix: String = "t") throws -> String {
        let path = workDirectory + "/" + prefix + "-" + UUID().uuidString.prefix(8).lowercased()
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        chmod(path, 0o777)
        return path
    }
}

extension Trait where Self == ConditionTrait {
    /// For a suite that needs `Tests/run`'s PostgreSQL, nginx, Apache or built executables:
    /// skipped, with this message, by a plain `swift test`; never skipped under `Tests/run`.
    ///
    ///     @Suite(.needsTestsRun) struct MigratorTests { ... }
    public static var needsTestsRun: Self {
        .enabled(
            if: TestEnvironment.isAvailable,
            "needs Tests/run's PostgreSQL, nginx and Apache: run `Tests/run` (or `Tests/run --filter <suite>`)")
    }
}
