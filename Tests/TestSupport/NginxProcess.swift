import Foundation
import FastCGI

/// A real nginx in front of a FastCGI responder, for end-to-end tests. It uses the project's own
/// `deploy/nginx/api-server.conf` and `fastcgi_params`, so the tests check what operators deploy.
///
///     let nginx = try NginxProcess(fastcgiSocket: dir + "/api.sock")
///     defer { nginx.stop() }
///     let response = try RawHTTPClient.send(port: nginx.port, method: "GET", path: "/")
public final class NginxProcess: Sendable {
    public let port: Int
    public let directory: String
    private let child: ChildProcess

    /// nginx with the project's own site, `deploy/nginx/api-server.conf` (upstream keep-alive
    /// included), filled in as an operator would.
    ///
    /// - Parameters:
    ///   - fastcgiSocket: the responder's unix socket.
    ///   - clientMaxBodySize: nginx's own body limit (keep it above the responder's to test the responder's 413).
    public convenience init(fastcgiSocket: String, clientMaxBodySize: String = "64m") throws {
        let params = Self.projectRoot + "/deploy/nginx/fastcgi_params"
        let template = try String(contentsOfFile: Self.projectRoot + "/deploy/nginx/api-server.conf", encoding: .utf8)
        try self.init(site: { port in
            template.replacingOccurrences(of: "@LISTEN@", with: "127.0.0.1:\(port)")
                .replacingOccurrences(of: "@SOCKET@", with: fastcgiSocket)
                .replacingOccurrences(of: "@PARAMS@", with: params)
                .replacingOccurrences(of: "@MAX_BODY@", with: clientMaxBodySize)
        })
    }

    /// nginx as a reverse proxy to an HTTP server on a unix socket (gunicorn serving the DRF
    /// reference), with the client's `Host` passed on, so absolute URLs are built from the same
    /// Host as behind `init(fastcgiSocket:)`.
    public convenience init(httpSocket: String, clientMaxBodySize: String = "64m") throws {
        try self.init(
            location: """
                        proxy_pass http://unix:\(httpSocket);
                        proxy_set_header Host $http_host;
                        proxy_redirect off;
                """, clientMaxBodySize: clientMaxBodySize)
    }

    /// - Parameter location: the directives of the server's only `location /`.
    public convenience init(location: String, clientMaxBodySize: String = "64m") throws {
        try self.init(site: { port in
            """
            server {
                listen 127.0.0.1:\(port);
                client_max_body_size \(clientMaxBodySize);
                location / {
            \(location)
                }
            }
            """
        })
    }

    /// - Parameter site: the `http` block's contents (server, upstream) for the given port.
    public init(site: (Int) -> String) throws {
        directory = try TestEnvironment.makeTemporaryDirectory("nginx")
        port = freeLocalPort()
        // As Debian's nginx.conf: the workers run as www-data (the group api-server's socket is
        // given in the tests, see `TestEnvironment.socketGroupArguments`).
        let user = geteuid() == 0 ? "user \(TestEnvironment.webServerUser);" : ""
        let config = """
            \(user)
            worker_processes 1;
            daemon off;
            pid \(directory)/nginx.pid;
            error_log \(directory)/error.log warn;
            events { worker_connections 256; }
            http {
                access_log off;
                client_body_temp_path \(directory)/body;
                fastcgi_temp_path \(directory)/fastcgi;
                proxy_temp_path \(directory)/proxy;
                uwsgi_temp_path \(directory)/uwsgi;
                scgi_temp_path \(directory)/scgi;
            \(site(port))
            }
            """
        try config.write(toFile: directory + "/nginx.conf", atomically: true, encoding: .utf8)
        child = try ChildProcess(
            TestEnvironment.nginx, ["-p", directory, "-c", directory + "/nginx.conf", "-e", directory + "/error.log"],
            logPath: directory + "/stderr.log")
        let port = self.port
        // Ready once the port accepts a connection. (An exchange of zero bytes never ends: nginx
        // waits for a request line, so the read timed out and nginx never looked started.)
        guard waitUntil(timeout: 10, { canConnect(port: port) }) else {
            throw TestSupportError("nginx did not start: \(child.log)")
        }
    }

    public func stop() { child.stop() }
    public var errorLog: String { (try? String(contentsOfFile: directory + "/error.log", encoding: .utf8)) ?? "" }

    /// The repository root, found from this source file's location.
    public static var projectRoot: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    }
}

/// Whether something accepts TCP connections on 127.0.0.1:`port`.
func canConnect(port: Int) -> Bool {
    guard let socket = FileDescriptor.socket(AF_INET, Int32(SOCK_STREAM.rawValue)) else { return false }
    var addr = sockaddr_in()
    addr.sin_family = sa_family_t(AF_INET)
    addr.sin_port = in_port_t(UInt16(port).bigEndian)
    addr.sin_addr.s_addr = inet_addr("127.0.0.1")
    return withUnsafePointer(to: &addr) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socket.rawValue, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
    } == 0
}
