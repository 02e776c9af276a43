import FastCGI
#if canImport(Glibc)
import Glibc
#endif

/// What api-server answers with `--test-routes`, in place of the reference API: the FastCGI
/// layer alone (no framework, no database), for the routes the transport's end-to-end tests
/// drive, and a small JSON status for any other path:
///
///     GET /anything             {"status":"ok","worker":3,"path":"/anything"}
///     ANY /__test/echo          the request as JSON (method, path, query, scheme, host, headers, body);
///                               `?status=201` answers with that status
///     GET /__test/sleep?ms=500  answers after 500 ms (at most 60 s)
///     GET /__test/throw         the handler throws: the server answers 500
///     GET /__test/trap          the handler traps (a force-unwrap of nil, as a buggy view would):
///                               the process ends, for process supervision's tests
struct BuiltInResponder: Responder {
    let worker: Int

    struct RequestedFailure: Error, CustomStringConvertible {
        var description: String { "/__test/throw was requested" }
    }

    func respond(to request: Request) throws -> Response {
        switch request.path {
        case "/__test/echo": return echo(request)
        case "/__test/sleep": return sleep(request)
        case "/__test/throw": throw RequestedFailure()
        case "/__test/trap": return trap(request)
        default: break
        }
        return .json(200, JSON.object([("status", .string("ok")), ("worker", .int(worker)), ("path", .string(request.path))]).text)
    }

    private func echo(_ request: Request) -> Response {
        let headers = JSON.array(request.headers.fields.map { .array([.string($0.name), .string($0.value)]) })
        let body = JSON.object([
            ("method", .string(request.method)),
            ("path", .string(request.path)),
            ("query", .string(request.queryString)),
            ("scheme", .string(request.scheme)),
            ("host", .string(request.host)),
            ("remote_addr", request.remoteAddress.map(JSON.string) ?? .null),
            ("content_type", request.contentType.map(JSON.string) ?? .null),
            ("content_length", request.contentLength.map(JSON.int) ?? .null),
            ("headers", headers),
            ("body", .string(request.bodyText)),
            ("body_length", .int(request.body.count)),
            ("worker", .int(worker)),
        ])
        var response = Response.json(Int(queryValue("status", in: request.queryString) ?? "") ?? 200, body.text)
        // A repeated header, so the tests can check that order and repeats survive the web server.
        response.headers.add("x-echo", "first")
        response.headers.add("x-echo", "second")
        return response
    }

    private func sleep(_ request: Request) -> Response {
        let milliseconds = min(max(Int(queryValue("ms", in: request.queryString) ?? "") ?? 0, 0), 60_000)
        usleep(UInt32(milliseconds) * 1000)
        return .json(200, JSON.object([("slept_ms", .int(milliseconds)), ("worker", .int(worker))]).text)
    }

    /// A view's bug: `!` on a nil the compiler cannot see coming (it depends on the request).
    private func trap(_ request: Request) -> Response {
        let missing: Int? = request.queryString == "not-a-bug" ? 1 : nil
        return .json(200, "\(missing!)")
    }

    /// The raw value of `name` in a query string (no percent-decoding: test routes take numbers).
    private func queryValue(_ name: String, in query: String) -> String? {
        for pair in query.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            if parts.first.map(String.init) == name { return parts.count > 1 ? String(parts[1]) : "" }
        }
        return nil
    }
}
