// srf-parse-bench: how long a big form, multipart body or query string takes to be parsed or
// refused, through the whole Application (routing, dispatch, the parsers, rendering the answer).
// Not a test: it prints figures. Run by Tests/Benchmarks/parsing (release build); see
// Tests/Benchmarks/README.md.
//
//   srf-parse-bench                       every case at 2.5, 5 and 10 MiB, median of 3 runs
//   srf-parse-bench --sizes 0.25,1 --runs 1 --only multipart
import Foundation
import RESTFramework

/// Answers how many fields `request.data` (or the query string, for GET) held.
final class FieldCount: APIView, GetHandler, PostHandler {
    func get(_ request: Request) throws -> Response { Response(["fields": .int(Int64(request.query.items.count))]) }
    func post(_ request: Request) throws -> Response { Response(["fields": .int(Int64(try request.data.objectValue?.count ?? 0))]) }
}

/// One request to time: what is sent, and whether the field limit is on.
struct Case {
    let name: String
    let limited: Bool
    let contentType: String?
    let queryString: String
    let body: [UInt8]
}

let mebibyte = 1_048_576

// MARK: Bodies of `size` bytes (at most)

/// `a=1&a=1&...`: the most fields a form of that size can hold.
func tinyFields(_ size: Int) -> [UInt8] { Array(String(repeating: "a=1&", count: size / 4).utf8) }

/// Distinct keys `k0000001=v&...` (11 bytes each).
func distinctFields(_ size: Int) -> [UInt8] {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(size)
    var n = 0
    while bytes.count + 11 <= size {
        bytes += Array("k\(String(repeating: "0", count: 7 - String(n).count))\(n)=v&".utf8)
        n += 1
    }
    return bytes
}

/// 1,000 fields sharing the size.
func thousandFields(_ size: Int) -> [UInt8] {
    let value = String(repeating: "x", count: max(0, size / 1_000 - 7))
    return Array((0..<1_000).map { "f\($0)=\(value)" }.joined(separator: "&").utf8)
}

let boundary = "----srfBoundary7MA4YWxkTrZu0gW"

/// Parts with `valueSize`-byte values, as many as fit in `size` bytes (at most `limit`).
func multipart(size: Int, valueSize: Int, limit: Int = .max) -> [UInt8] {
    let value = String(repeating: "x", count: valueSize)
    let epilogue = Array("--\(boundary)--\r\n".utf8)
    var bytes: [UInt8] = []
    bytes.reserveCapacity(size)
    var n = 0
    while n < limit {
        let part = Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"f\(n)\"\r\n\r\n\(value)\r\n".utf8)
        if bytes.count + part.count + epilogue.count > size { break }
        bytes += part
        n += 1
    }
    return bytes + epilogue
}

/// Parts of about 100 bytes (a 20-byte value).
func smallParts(_ size: Int) -> [UInt8] { multipart(size: size, valueSize: 20) }

/// 1,000 parts sharing the size.
func thousandParts(_ size: Int) -> [UInt8] { multipart(size: size, valueSize: max(0, size / 1_000 - 100), limit: 1_000) }

/// The crafted body: a boundary of dashes and one field made of runs of dashes one short of
/// the delimiter, which a plain search compares nearly whole at every byte.
func dashRuns(_ size: Int, boundaryLength: Int) -> (contentType: String, body: [UInt8]) {
    let dashes = String(repeating: "-", count: boundaryLength)
    let run = String(repeating: "-", count: boundaryLength + 1) + "x"
    let head = "--\(dashes)\r\nContent-Disposition: form-data; name=\"runs\"\r\n\r\n"
    let tail = "\r\n--\(dashes)--\r\n"
    let runs = String(repeating: run, count: max(0, (size - head.utf8.count - tail.utf8.count) / run.utf8.count))
    return ("multipart/form-data; boundary=\"\(dashes)\"", Array((head + runs + tail).utf8))
}

func cases(size: Int) -> [Case] {
    let form = "application/x-www-form-urlencoded"
    let multi = "multipart/form-data; boundary=\(boundary)"
    let dash70 = dashRuns(size, boundaryLength: 70), dash200 = dashRuns(size, boundaryLength: 200)
    return [
        Case(name: "form: one-character fields (a=1&...)", limited: true, contentType: form, queryString: "", body: tinyFields(size)),
        Case(name: "form: 1,000 large fields", limited: true, contentType: form, queryString: "", body: thousandFields(size)),
        Case(name: "form: distinct fields, no limit", limited: false, contentType: form, queryString: "", body: distinctFields(size)),
        Case(name: "multipart: ~100-byte fields", limited: true, contentType: multi, queryString: "", body: smallParts(size)),
        Case(name: "multipart: 1,000 large fields", limited: true, contentType: multi, queryString: "", body: thousandParts(size)),
        Case(name: "multipart: ~100-byte fields, no limit", limited: false, contentType: multi, queryString: "", body: smallParts(size)),
        Case(
            name: "multipart: 70-dash boundary, dash runs", limited: true, contentType: dash70.contentType, queryString: "",
            body: dash70.body),
        Case(
            name: "multipart: 200-dash boundary, dash runs", limited: true, contentType: dash200.contentType, queryString: "",
            body: dash200.body),
    ]
}

/// The query string a web server lets through (nginx's default header buffers: 8 KiB).
let queryCase = Case(
    name: "query string: 8 KiB, 2,048 fields", limited: true, contentType: nil,
    queryString: String(String(repeating: "a=1&", count: 2_048).dropLast()), body: [])

// MARK: Running

func application(limited: Bool) throws -> Application {
    var settings = APISettings()
    if !limited { settings.dataUploadMaxNumberFields = nil }
    return Application(urls: try URLConf([.path("count/", FieldCount.asView())]), settings: settings)
}

func measure(_ test: Case, app: Application, runs: Int) -> (status: Int, answer: String, milliseconds: Double) {
    var times: [Double] = []
    var last: RenderedResponse?
    for _ in 0..<runs {
        var headers = Headers()
        if let contentType = test.contentType { headers["Content-Type"] = contentType }
        let request = Request(
            method: test.body.isEmpty ? .get : .post, path: "/count/", queryString: test.queryString,
            headers: headers, body: test.body)
        let start = ContinuousClock.now
        last = app.handle(request)
        let elapsed = ContinuousClock.now - start
        times.append(Double(elapsed.components.seconds) * 1e3 + Double(elapsed.components.attoseconds) / 1e15)
    }
    // The count, or the start of the refusal's detail.
    let answer = last.map { String(decoding: $0.body.prefix(40), as: UTF8.self) } ?? ""
    return (last?.status ?? 0, answer, times.sorted()[times.count / 2])
}

var sizes: [Double] = [2.5, 5, 10]
var runs = 3
var only: String?
var arguments = CommandLine.arguments.dropFirst()
while let argument = arguments.popFirst() {
    switch argument {
    case "--sizes": sizes = (arguments.popFirst() ?? "").split(separator: ",").compactMap { Double($0) }
    case "--runs": runs = max(1, Int(arguments.popFirst() ?? "") ?? 1)
    case "--only": only = arguments.popFirst()
    default:
        print("usage: srf-parse-bench [--sizes MiB,MiB,...] [--runs N] [--only TEXT-IN-CASE-NAME]")
        exit(2)
    }
}

let limitedApp = try application(limited: true), unlimitedApp = try application(limited: false)
func row(_ columns: [String]) { print("| " + columns.joined(separator: " | ") + " |") }
row(["case", "body", "status", "answer", "time (median of \(runs))"])
row(["---", "---:", "---:", "---", "---:"])
for size in sizes {
    for test in cases(size: Int(size * Double(mebibyte))) where only.map({ test.name.contains($0) }) ?? true {
        let result = measure(test, app: test.limited ? limitedApp : unlimitedApp, runs: runs)
        row([
            test.name, String(format: "%.2f MiB", Double(test.body.count) / Double(mebibyte)), String(result.status),
            "`\(result.answer)`", String(format: "%.1f ms", result.milliseconds),
        ])
    }
}
if only.map({ queryCase.name.contains($0) }) ?? true {
    let query = measure(queryCase, app: limitedApp, runs: runs)
    row([
        queryCase.name, "\(queryCase.queryString.utf8.count) B", String(query.status), "`\(query.answer)`",
        String(format: "%.2f ms", query.milliseconds),
    ])
}
