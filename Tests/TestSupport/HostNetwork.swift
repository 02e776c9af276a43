import Foundation
import Synchronization
import Testing

/// Separate "hosts" on this machine, for tests of api-server on several hosts behind one nginx:
/// one network namespace per host (`ip netns add`), each joined to the root namespace, where
/// nginx and PostgreSQL run, by a veth pair of its own: a /30 whose first address is the root
/// side (`gateway`) and whose second is the host's (`address`). Hosts do not reach each other
/// (the root namespace does not forward), as hosts on separate links behind a firewall would not.
///
///     let network = try HostNetwork(hosts: 3)
///     defer { network.remove() }
///     let server = try ChildProcess(HostNetwork.ip, network.run(in: 0, api, ["--listen", "\(network.hosts[0].address):9000"]), logPath: log)
///
/// Unique per test and per test run: each network holds a TCP port of 20000-31999 bound on
/// 127.0.0.1 while it lives (the range `freeLocalPort` hands out, so no server and no other
/// network takes it), and derives everything from that port: the namespace and link names
/// (`srf<port>h0`, ...) and a /27 of its own in 10.200.0.0/13. A name with this port that
/// exists already was left by a run that died (a live one would hold the port): it is removed
/// first. `remove()` kills what still runs in the namespaces and deletes them (their veth pairs
/// go with them); the names are also written to the work folder, where `Tests/run` removes
/// whatever a test process that died left behind. Needs root, as `ip netns` does.
public final class HostNetwork: Sendable {
    public struct Host: Sendable {
        /// The network namespace, as `ip netns` names it.
        public let namespace: String
        /// The host's address, on its end of the veth pair.
        public let address: String
        /// The root namespace's address on the same link: nginx's and PostgreSQL's address as
        /// this host sees them.
        public let gateway: String
    }

    public static let ip = "/usr/sbin/ip"
    public static let nft = "/usr/sbin/nft"

    public let hosts: [Host]
    /// The /27 all of this network's links are cut from, for PostgreSQL's pg_hba.conf.
    public let subnet: String
    private let reservation: Int32
    private let port: Int
    private let listPath: String
    private let namespaces = Mutex<[String]>([])

    /// Creates `count` (at most 6) hosts, each with its loopback and its veth end up.
    public init(hosts count: Int) throws {
        precondition((1...6).contains(count), "a HostNetwork has room for 6 hosts")
        let (reservation, port) = try Self.reservePort()
        (self.reservation, self.port) = (reservation, port)
        let base = (10 << 24 | 200 << 16) + (port - 20_000) * 32
        subnet = Self.dotted(base) + "/27"
        listPath = TestEnvironment.workDirectory + "/netns-\(port)"
        hosts = (0..<count).map { index in
            Host(namespace: "srf\(port)h\(index)", address: Self.dotted(base + 4 * index + 2), gateway: Self.dotted(base + 4 * index + 1))
        }
        try removeStale()
        do {
            for (index, host) in hosts.enumerated() {
                try addNamespace(host.namespace)
                let link = "srf\(port)r\(index)"
                // The host's end is created in its namespace, as its eth0.
                try Self.ip(["link", "add", link, "type", "veth", "peer", "name", "eth0", "netns", host.namespace])
                try Self.ip(["addr", "add", host.gateway + "/30", "dev", link])
                try Self.ip(["link", "set", link, "up"])
                try Self.ip(["-n", host.namespace, "addr", "add", host.address + "/30", "dev", "eth0"])
                try Self.ip(["-n", host.namespace, "link", "set", "eth0", "up"])
                try Self.ip(["-n", host.namespace, "link", "set", "lo", "up"])
            }
        } catch {
            remove()
            throw error
        }
    }

    /// The arguments for `HostNetwork.ip` that run `executable` on host `index` (`ip netns exec`
    /// execs it: the child's pid is the program's own, so signals reach it).
    public func run(in index: Int, _ executable: String, _ arguments: [String]) -> [String] {
        ["netns", "exec", hosts[index].namespace, executable] + arguments
    }

    /// A neighbour of host `index`: a namespace of its own on a second link of that host's, as
    /// another machine on the host's LAN would be, with a route to the host's address. It can
    /// reach the host unless the host's firewall refuses it. Answers its namespace and address,
    /// and the host's address on that link.
    public func addNeighbour(of index: Int) throws -> (namespace: String, address: String, hostAddress: String) {
        let namespace = "srf\(port)n\(index)"
        let host = hosts[index]
        let base = (10 << 24 | 200 << 16) + (port - 20_000) * 32 + 28  // the /27's last /30
        let (hostSide, neighbour) = (Self.dotted(base + 1), Self.dotted(base + 2))
        try addNamespace(namespace)
        try Self.ip(["-n", host.namespace, "link", "add", "lan", "type", "veth", "peer", "name", "eth0", "netns", namespace])
        try Self.ip(["-n", host.namespace, "addr", "add", hostSide + "/30", "dev", "lan"])
        try Self.ip(["-n", host.namespace, "link", "set", "lan", "up"])
        try Self.ip(["-n", namespace, "addr", "add", neighbour + "/30", "dev", "eth0"])
        try Self.ip(["-n", namespace, "link", "set", "eth0", "up"])
        try Self.ip(["-n", namespace, "route", "add", host.address + "/32", "via", hostSide])
        return (namespace, neighbour, hostSide)
    }

    /// Loads an nftables ruleset into host `index`'s namespace (`nft -f`).
    public func applyFirewall(on index: Int, _ ruleset: String) throws {
        let path = TestEnvironment.workDirectory + "/nft-\(hosts[index].namespace).conf"
        try ruleset.write(toFile: path, atomically: true, encoding: .utf8)
        try Self.ip(["netns", "exec", hosts[index].namespace, Self.nft, "-f", path])
    }

    /// SIGKILL to every process in host `index`'s namespace: the host dies (api-server's master
    /// and its workers at once; a master killed alone has its workers drain gracefully).
    public func killEverything(on index: Int) throws {
        try Self.killAll(in: hosts[index].namespace)
    }

    /// Kills what runs in the namespaces and deletes them; safe to call twice.
    public func remove() {
        let names = namespaces.withLock { names in
            defer { names = [] }
            return names
        }
        for name in names.reversed() {
            try? Self.killAll(in: name)
            _ = try? Subprocess.run(Self.ip, ["netns", "del", name])
        }
        unlink(listPath)
    }

    deinit {
        remove()
        close(reservation)
    }

    // MARK: - Setting up

    private func addNamespace(_ name: String) throws {
        try Self.ip(["netns", "add", name])
        let names = namespaces.withLock { names in
            names.append(name)
            return names
        }
        try (names.joined(separator: "\n") + "\n").write(toFile: listPath, atomically: true, encoding: .utf8)
    }

    /// Namespaces and root-side links with this network's port: left by a run that died.
    private func removeStale() throws {
        let prefix = "srf\(port)"
        let listed = try Subprocess.run(Self.ip, ["netns", "list"]).stdout.split(separator: "\n")
        for line in listed {
            guard let name = line.split(separator: " ").first, name.hasPrefix(prefix) else { continue }
            try? Self.killAll(in: String(name))
            _ = try? Subprocess.run(Self.ip, ["netns", "del", String(name)])
        }
        let links = try Subprocess.run(Self.ip, ["-o", "link", "show"]).stdout.split(separator: "\n")
        for line in links {
            let fields = line.split(separator: " ")
            guard fields.count > 1 else { continue }
            let name = fields[1].split(separator: "@").first.map(String.init) ?? ""
            if name.hasPrefix(prefix) { _ = try? Subprocess.run(Self.ip, ["link", "del", name]) }
        }
    }

    private static func killAll(in namespace: String) throws {
        let pids = try Subprocess.run(ip, ["netns", "pids", namespace]).stdout
            .split(whereSeparator: \.isWhitespace).compactMap { pid_t($0) }
        for pid in pids { kill(pid, SIGKILL) }
    }

    private static func ip(_ arguments: [String]) throws {
        let result = try Subprocess.run(ip, arguments)
        guard result.status == 0 else {
            throw TestSupportError("ip \(arguments.joined(separator: " ")) failed: \(result.stderr)\(result.stdout)")
        }
    }

    private static func dotted(_ address: Int) -> String {
        [24, 16, 8, 0].map { String(address >> $0 & 0xff) }.joined(separator: ".")
    }

    /// Binds a port of 20000-31999 on 127.0.0.1 and keeps it bound (no listen): the bind is the
    /// reservation, atomic against other processes. Starts from this process's place, as
    /// `freeLocalPort` does.
    private static func reservePort() throws -> (Int32, Int) {
        let low = 20_000, span = 12_000
        let start = Int(getpid()) &* 7_919 % span
        for step in 0..<span {
            let port = low + (start + step) % span
            if let fd = bindLoopback(port: port) { return (fd, port) }
        }
        throw TestSupportError("no port of \(low)..<\(low + span) left to reserve a HostNetwork with")
    }
}

extension Trait where Self == ConditionTrait {
    /// For a suite that makes network namespaces (`HostNetwork`): it needs `Tests/run` and
    /// root (CI runs as root; run by a user, `Tests/run` skips it with this message).
    public static var needsNetworkNamespaces: Self {
        .enabled(
            if: TestEnvironment.isAvailable && geteuid() == 0 && FileManager.default.isExecutableFile(atPath: HostNetwork.ip),
            "needs Tests/run as root with iproute2 (network namespaces)")
    }
}
