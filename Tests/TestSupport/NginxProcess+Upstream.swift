import Foundation

extension NginxProcess {
    /// nginx with the project's `deploy/nginx/api-server-upstream.conf`, as an operator fills it
    /// in: its `server` lines replaced by one per address in `upstreamServers` (with the
    /// parameters of the file's first one: `max_fails`, `fail_timeout`), listening on 127.0.0.1,
    /// and an access log of `<status> <upstream addresses>` at `accessLog`. Everything else
    /// (`fastcgi_next_upstream`, keep-alive, timeouts) is the file's.
    public convenience init(upstreamServers: [String], accessLog: String) throws {
        let template = try String(contentsOfFile: Self.projectRoot + "/deploy/nginx/api-server-upstream.conf", encoding: .utf8)
        let site = try Self.upstreamSite(template, servers: upstreamServers, accessLog: accessLog)
        try self.init(site: { port in
            "log_format upstreams '$status $upstream_addr';\n" + site.replacingOccurrences(of: "@PORT@", with: String(port))
        })
    }

    /// The file with the test's values in, `@PORT@` left for the listening port.
    static func upstreamSite(_ template: String, servers: [String], accessLog: String) throws -> String {
        var lines: [String] = []
        var inUpstream = false
        var serversWritten = false
        for line in template.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("upstream ") { inUpstream = true }
            if inUpstream && trimmed == "}" { inUpstream = false }
            if inUpstream && trimmed.hasPrefix("server ") {
                // `server 10.0.0.5:9000 max_fails=3 fail_timeout=10s;`: keep the parameters.
                let parameters = trimmed.dropLast().split(separator: " ").dropFirst(2).joined(separator: " ")
                if !serversWritten { lines += servers.map { "    server \($0) \(parameters);" } }
                serversWritten = true
                continue
            }
            switch trimmed {
            case "listen 80;":
                lines += ["    listen 127.0.0.1:@PORT@;", "    access_log \(accessLog) upstreams;"]
            case "include /etc/nginx/srf_fastcgi_params;":
                lines.append("        include \(projectRoot)/deploy/nginx/fastcgi_params;")
            default:
                lines.append(line)
            }
        }
        let site = lines.joined(separator: "\n")
        guard serversWritten, site.contains("@PORT@"), site.contains("deploy/nginx/fastcgi_params;") else {
            throw TestSupportError(
                "deploy/nginx/api-server-upstream.conf no longer has the `server` lines, `listen 80;` or the params include HostsStack fills in"
            )
        }
        return site
    }
}
