import Foundation

/// The DRF reference implementation (`Tests/DRFReference`) served by gunicorn on a unix socket,
/// through `Tests/DRFReference/serve.sh`, for tests that hold api-server to what DRF sends.
///
///     let drf = try DRFReferenceServer(databaseURL: database.url)
///     let nginx = try NginxProcess(httpSocket: drf.socketPath)
///
/// The virtualenv (`.build-drf/venv`) is made first with `serve.sh --install-only`, which does
/// nothing when it is up to date; when that fails (no network, no python3-venv) the error says
/// so and names the command. A test that needs DRF fails then; it never skips.
public final class DRFReferenceServer: Sendable {
    public let directory: String
    public let socketPath: String
    public let child: ChildProcess

    public static var script: String { NginxProcess.projectRoot + "/Tests/DRFReference/serve.sh" }

    /// - Parameter environment: more variables for the Django project.
    public init(databaseURL: String, workers: Int = 2, environment extra: [String: String] = [:]) throws {
        let install = try Subprocess.run(Self.script, ["--install-only"])
        guard install.status == 0 else {
            throw TestSupportError(
                """
                the DRF reference's virtualenv could not be made (`Tests/DRFReference/serve.sh --install-only`, \
                which `Tests/Benchmarks/smoke` also runs, needs python3-venv and PyPI): \(install.stdout)\(install.stderr)
                """)
        }
        directory = try TestEnvironment.makeTemporaryDirectory("drf")
        socketPath = directory + "/drf.sock"
        var environment = ProcessInfo.processInfo.environment
        environment["DATABASE_URL"] = databaseURL
        environment.merge(extra) { _, new in new }
        // serve.sh execs gunicorn: the child's pid is the gunicorn master's, so stop() ends it.
        child = try ChildProcess(
            Self.script, ["unix:" + socketPath, "--workers", String(workers)],
            environment: environment, logPath: directory + "/gunicorn.log")
        let socketPath = self.socketPath, child = self.child
        guard waitUntil(timeout: 30, { FileManager.default.fileExists(atPath: socketPath) || !child.isRunning }),
            child.isRunning
        else {
            throw TestSupportError("the DRF reference (gunicorn) did not start: \(child.log)")
        }
    }

    public func stop() { child.stop(timeout: 10) }

    deinit { stop() }
}
