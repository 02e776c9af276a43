import Foundation

/// api-server on several hosts behind one nginx, as `deploy/nginx/api-server-upstream.conf`
/// describes: each host a network namespace of a `HostNetwork`, where api-server listens on TCP
/// on the host's address only (`--listen <address>:9000`), behind the host's firewall
/// (`firewallRules`) unless `firewall` is false; nginx and a PostgreSQL of this stack's own in
/// the root namespace, PostgreSQL listening on the root side of every host's link.
///
///     let stack = try HostsStack(hosts: 3)
///     defer { stack.stop() }
///     let response = try stack.send("GET", "/api/public-accounts/")
///     let served = stack.accessCount(on: 0, "GET /api/public-accounts/")
public final class HostsStack: Sendable {
    /// api-server's port on every host (each namespace has ports of its own: no collisions).
    public static let fastcgiPort = 9000

    public let network: HostNetwork
    public let cluster: PrivateCluster
    public let nginx: NginxProcess
    public let directory: String
    /// One api-server per host, started through `ip netns exec` (the pid is api-server's own).
    public let servers: [ChildProcess]

    /// - Parameters:
    ///   - arguments: api-server's on every host, after `--listen`.
    ///   - environment: variables for api-server on top of this process's and `DATABASE_URL`.
    ///   - firewall: load `firewallRules` into every host's namespace before api-server starts.
    public init(
        hosts count: Int = 3, arguments: [String] = ["--processes", "2", "--workers", "2"],
        environment extra: [String: String] = [:], firewall: Bool = true
    ) throws {
        directory = try TestEnvironment.makeTemporaryDirectory("hosts")
        network = try HostNetwork(hosts: count)
        cluster = try PrivateCluster(listenAddresses: network.hosts.map(\.gateway), trustedNetworks: [network.subnet])
        let migrated = try Subprocess.run(
            TestEnvironment.executable("migrate"), ["--database-url", cluster.url, "--dir", NginxProcess.projectRoot + "/migrations"])
        guard migrated.status == 0 else { throw TestSupportError("migrate failed: \(migrated.stdout)\(migrated.stderr)") }
        var servers: [ChildProcess] = []
        for (index, host) in network.hosts.enumerated() {
            if firewall {
                try network.applyFirewall(on: index, Self.firewallRules(port: Self.fastcgiPort, webServers: [host.gateway]))
            }
            var environment = ProcessInfo.processInfo.environment
            // Over TCP to the root namespace's side of the host's link, as to a database host.
            environment["DATABASE_URL"] = "postgres://postgres@\(host.gateway):\(cluster.port)/postgres"
            environment.merge(extra) { _, new in new }
            let listen = ["--listen", "\(host.address):\(Self.fastcgiPort)"]
            servers.append(
                try ChildProcess(
                    HostNetwork.ip, network.run(in: index, TestEnvironment.executable("api-server"), listen + arguments),
                    environment: environment, logPath: directory + "/host\(index).log"))
        }
        self.servers = servers
        nginx = try NginxProcess(
            upstreamServers: network.hosts.map { "\($0.address):\(Self.fastcgiPort)" }, accessLog: directory + "/nginx-access.log")
        // Ready once every host answers a FastCGI request of its own (from nginx's side of its
        // link): a 404, which no view (and so no throttle) counts.
        for (index, host) in network.hosts.enumerated() {
            let answered = waitUntil(timeout: 20) {
                let address = FastCGIClient.Address.tcp(host: host.address, port: Self.fastcgiPort)
                return (try? FastCGIClient.request(to: address, path: "/hosts-stack-ready/", timeout: 5))?.status == 404
            }
            guard answered else { throw TestSupportError("host \(index) did not answer: \(servers[index].log)") }
        }
    }

    /// The nftables ruleset each test host loads, as deploy/nginx/api-server-upstream.conf
    /// documents it: only the web servers may open a connection to api-server's port.
    public static func firewallRules(port: Int, webServers: [String]) -> String {
        """
        table inet api_server {
            chain input {
                type filter hook input priority filter; policy accept;
                tcp dport \(port) ip saddr { \(webServers.joined(separator: ", ")) } accept
                tcp dport \(port) drop
            }
        }
        """
    }

    /// An HTTP request through nginx.
    public func send(_ method: String, _ path: String, headers: [(String, String)] = []) throws -> RawHTTPClient.Response {
        try RawHTTPClient.send(port: nginx.port, method: method, path: path, headers: headers)
    }

    /// How many access lines host `index`'s api-server wrote for `request` ("GET /path").
    public func accessCount(on index: Int, _ request: String) -> Int {
        servers[index].log.components(separatedBy: "\"\(request)\" ").count - 1
    }

    /// Every host's `accessCount`, once they add up to `total` (a host writes its access line
    /// after the answer, so the last lines may come a moment after the client has its answer),
    /// or as they are after 5 s.
    public func accessCounts(_ request: String, total: Int) -> [Int] {
        let counts = { self.servers.indices.map { self.accessCount(on: $0, request) } }
        _ = waitUntil(timeout: 5) { counts().reduce(0, +) >= total }
        return counts()
    }

    /// nginx's access log: one line per request, `<status> <upstream addresses tried>` (two
    /// addresses, comma-separated, for a request passed to the next host).
    public var nginxAccessLines: [String] {
        ((try? String(contentsOfFile: directory + "/nginx-access.log", encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
    }

    /// nginx's error log and every host's log, for failure messages.
    public var logs: String {
        "nginx: \(nginx.errorLog)\n" + servers.enumerated().map { "host \($0): \($1.log)" }.joined(separator: "\n")
    }

    public func stop() {
        nginx.stop()
        for server in servers { server.stop() }
        network.remove()
        try? cluster.stop()
    }

    deinit { stop() }
}
