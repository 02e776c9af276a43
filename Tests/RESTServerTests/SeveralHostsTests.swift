import Foundation
import Synchronization
import TestSupport
import Testing

/// api-server on three hosts behind one nginx (`deploy/nginx/api-server-upstream.conf`): each
/// host a network namespace with an address of its own, api-server on TCP there, PostgreSQL
/// and nginx in the root namespace (`HostsStack`). Serialized: each test has its own network,
/// cluster and hosts, and four at once would only crowd two cores.
@Suite(.needsNetworkNamespaces, .serialized) struct SeveralHostsTests {
    static let list = "/api/public-accounts/"

    @Test func requestsSpreadAcrossTheHosts() throws {
        let stack = try HostsStack()
        defer { stack.stop() }
        let statuses = try (0..<30).map { _ in try stack.send("GET", Self.list).status }
        #expect(statuses == Array(repeating: 200, count: 30), "\(stack.logs)")
        // Each host's own access log, and nginx's record of which host it passed each one to.
        let served = stack.accessCounts("GET \(Self.list)", total: 30)
        #expect(served.reduce(0, +) == 30, "\(served)")
        #expect(served.allSatisfy { $0 >= 5 }, "round robin over three hosts: \(served)")
        let upstreams = Set(stack.nginxAccessLines.map { $0.split(separator: " ").dropFirst().joined(separator: " ") })
        #expect(upstreams == Set(stack.network.hosts.map { "\($0.address):\(HostsStack.fastcgiPort)" }), "\(upstreams)")
    }

    /// A host dies (SIGKILL to api-server's master and workers at once) while 8 clients keep
    /// GETting: requests in flight there and new ones sent to it before nginx leaves it out
    /// (max_fails) are passed to another host (`fastcgi_next_upstream error timeout`).
    @Test func killingAHostUnderLoadFailsNoRequest() throws {
        let stack = try HostsStack()
        defer { stack.stop() }
        let load = LoadGenerator(clients: 8, port: stack.nginx.port, path: Self.list)
        defer { load.stop() }
        #expect(load.waitForAnswers(60), "\(stack.logs)")
        let servedBefore = stack.accessCount(on: 1, "GET \(Self.list)")
        try stack.network.killEverything(on: 1)
        #expect(stack.servers[1].wait(timeout: 5) == 128 + SIGKILL)
        let killedAt = load.count
        #expect(load.waitForAnswers(killedAt + 240), "\(stack.logs)")
        let statuses = load.stop()

        let failed = statuses.filter { $0 != 200 }
        #expect(
            failed.isEmpty,
            "\(failed.count) of \(statuses.count) failed: \(Dictionary(grouping: failed) { $0 }.mapValues(\.count)) \(stack.logs)")
        #expect(servedBefore > 0, "host 1 served before it died")
        // nginx did meet the dead host and passed those requests on ("<dead>, <other>").
        let dead = "\(stack.network.hosts[1].address):\(HostsStack.fastcgiPort)"
        let passedOn = stack.nginxAccessLines.filter { $0.contains(dead + ", ") }
        #expect(!passedOn.isEmpty, "no request met the dead host: \(stack.nginxAccessLines.suffix(20))")
        #expect(passedOn.allSatisfy { $0.hasPrefix("200 ") }, "\(passedOn)")
        #expect(stack.nginx.errorLog.contains(dead), "nginx logs the failed attempts: \(stack.nginx.errorLog)")
    }

    /// SIGHUP to one host's master under load: new workers start, the old ones drain (issue 15's
    /// graceful reload); nothing fails, and the host serves again from its new workers.
    @Test func reloadingAHostUnderLoadFailsNothing() throws {
        let stack = try HostsStack()
        defer { stack.stop() }
        let master = stack.servers[1].pid
        let old = Set(workerProcesses(of: master))
        #expect(old.count == 2)
        let load = LoadGenerator(clients: 8, port: stack.nginx.port, path: Self.list)
        defer { load.stop() }
        #expect(load.waitForAnswers(60), "\(stack.logs)")

        stack.servers[1].signal(SIGHUP)
        let reloaded = waitUntil(timeout: 20) {
            let now = Set(workerProcesses(of: master))
            return now.count == 2 && now.isDisjoint(with: old)
        }
        #expect(reloaded, "\(stack.logs)")
        let servedByOld = stack.accessCount(on: 1, "GET \(Self.list)")
        #expect(load.waitForAnswers(load.count + 150), "\(stack.logs)")
        let statuses = load.stop()

        let failed = statuses.filter { $0 != 200 }
        #expect(failed.isEmpty, "\(failed.count) of \(statuses.count) failed \(stack.logs)")
        #expect(stack.servers[1].isRunning, "a reload is no restart")
        #expect(stack.accessCount(on: 1, "GET \(Self.list)") > servedByOld, "the new workers serve: \(stack.servers[1].log)")
        #expect(stack.servers[1].log.contains("received SIGHUP: reloading"))
    }

    /// `REFERENCE_THROTTLE_RATES` on three hosts sharing one database: 3 times the rate at once,
    /// spread over the hosts by nginx, and exactly the rate passes (the counts live in
    /// PostgreSQL, not in a host).
    @Test func throttlingHoldsAcrossHosts() throws {
        let stack = try HostsStack(environment: ["REFERENCE_THROTTLE_RATES": "anon=20/min"])
        defer { stack.stop() }
        // 60 connections at once, a thread each (concurrentPerform would run only a thread per core).
        let statuses = Mutex<[Int]>([])
        let group = DispatchGroup()
        for _ in 0..<60 {
            group.enter()
            Thread.detachNewThread {
                let status = (try? stack.send("GET", Self.list).status) ?? -1
                statuses.withLock { $0.append(status) }
                group.leave()
            }
        }
        group.wait()
        let all = statuses.withLock { $0 }
        #expect(all.filter { $0 == 200 }.count == 20, "\(all) \(stack.logs)")
        #expect(all.filter { $0 == 429 }.count == 40, "\(all)")
        let served = stack.accessCounts("GET \(Self.list)", total: 60)
        #expect(served.reduce(0, +) == 60, "\(served)")
        #expect(served.allSatisfy { $0 > 0 }, "every host took part: \(served)")
        // The 20 that passed were not one host's: the hosts counted into one window together.
        let passed = stack.servers.map { $0.log.components(separatedBy: "\"GET \(Self.list)\" 200 ").count - 1 }
        #expect(passed.reduce(0, +) == 20 && passed.filter { $0 > 0 }.count >= 2, "\(passed)")
    }

    /// api-server listens on the host's address on nginx's link only, and the host's firewall
    /// (`HostsStack.firewallRules`, as documented in the upstream conf) lets only nginx's side
    /// of that link connect. A neighbour on a second link of the host (another machine on its
    /// LAN) sends a FastCGI request with `cgi-fcgi`.
    @Test func onlyNginxReachesTheFastCGIPort() throws {
        let stack = try HostsStack(hosts: 1, firewall: false)
        defer { stack.stop() }
        let host = stack.network.hosts[0]
        let neighbour = try stack.network.addNeighbour(of: 0)

        // Without the firewall, the neighbour is served: FastCGI has no authentication.
        let open = try fastcgiRequest(from: neighbour.namespace, to: host.address)
        #expect(open.status == 0 && open.stdout.contains("\"results\""), "\(open)")
        // Nothing listens on the host's other address: refused at once, not timed out.
        let other = try fastcgiRequest(from: neighbour.namespace, to: neighbour.hostAddress)
        #expect(other.status != 0 && other.status != 124, "\(other)")

        try stack.network.applyFirewall(on: 0, HostsStack.firewallRules(port: HostsStack.fastcgiPort, webServers: [host.gateway]))
        let closed = try fastcgiRequest(from: neighbour.namespace, to: host.address)
        #expect(closed.status == 124, "dropped: no answer until `timeout` ends it: \(closed)")
        #expect(!closed.stdout.contains("results"))
        // nginx, on the link the rule names, is served as before.
        #expect(try stack.send("GET", Self.list).status == 200, "\(stack.logs)")
    }

    /// `cgi-fcgi -bind -connect` (libfcgi-bin) run in `namespace`, given 2 s: a GET of the list.
    /// Exit status 124: `timeout` ended it.
    func fastcgiRequest(from namespace: String, to address: String) throws -> Subprocess.Result {
        let params = [
            "REQUEST_METHOD": "GET", "SCRIPT_NAME": "", "PATH_INFO": Self.list, "REQUEST_URI": Self.list, "QUERY_STRING": "",
            "SERVER_NAME": "localhost", "SERVER_PORT": "80", "SERVER_PROTOCOL": "HTTP/1.1", "HTTP_HOST": "localhost",
            "REMOTE_ADDR": "192.0.2.99", "GATEWAY_INTERFACE": "CGI/1.1",
        ]
        return try Subprocess.run(
            HostNetwork.ip,
            [
                "netns", "exec", namespace, "/usr/bin/timeout", "2", "/usr/bin/cgi-fcgi", "-bind", "-connect",
                "\(address):\(HostsStack.fastcgiPort)",
            ],
            environment: params)
    }

    /// The live (not zombie) children of `parent`: a master's worker processes.
    func workerProcesses(of parent: pid_t) -> [pid_t] { childPIDs(of: parent) }
}
