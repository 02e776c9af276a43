import Foundation
import Testing
import TestSupport

/// One request of the comparison, sent alike to both sides.
struct WireRequest: Sendable {
    enum Target: Sendable {
        /// A path with its query, sent as written.
        case path(String)
        /// The link under this key (`next`, `previous`) of the body this side answered to the
        /// previous request: each side follows its own links.
        case link(String)
    }

    /// What of an answer is not compared (each use names the spec's section that allows it).
    enum Part: Hashable, Sendable { case contentType, body }

    /// Values that may differ between the sides by nature: a token key made at random.
    enum Mask: Hashable, Sendable { case randomToken }

    var label: String
    var method: String
    var target: Target
    var headers: [(String, String)]
    var body: [UInt8]
    var ignoring: Set<Part> = []
    var masks: Set<Mask> = []
    /// Sent with the side's cookies (a browser's jar: each side keeps the cookies it set), and
    /// `{csrftoken}` in headers and body replaced by the side's `csrftoken` cookie.
    var withCookies = false
}

/// Who sends a request: the `Authorization` header, if any.
struct Who: Sendable {
    let name: String
    let authorization: String?

    static let anonymous = Who(name: "anonymous", authorization: nil)
    static let admin = Who(name: "admin", authorization: "Token " + WireSeed.adminKey)
    static let ada = Who(name: "ada", authorization: "Token " + WireSeed.adaKey)
    static let alan = Who(name: "alan", authorization: "Token " + WireSeed.alanKey)
    static let ghost = Who(name: "ghost (inactive)", authorization: "Token " + WireSeed.ghostKey)
    static let badToken = Who(name: "bad token", authorization: "Token " + String(repeating: "0f", count: 20))
    static let bob = basic("bob", WireSeed.bobPassword)

    static func basic(_ user: String, _ password: String) -> Who {
        Who(name: "basic \(user)", authorization: "Basic " + Data((user + ":" + password).utf8).base64EncodedString())
    }

    static func header(_ value: String) -> Who { Who(name: "Authorization: \(value)", authorization: value) }
}

/// Builds a request: `json` and `form` set the body and its Content-Type; `contentType` and
/// `raw` set them as given.
func request(
    _ method: String, _ target: String, _ who: Who = .anonymous, headers: [(String, String)] = [],
    json: String? = nil, form: String? = nil, contentType: String? = nil, raw: [UInt8]? = nil,
    note: String = ""
) -> WireRequest {
    var fields: [(String, String)] = []
    if let authorization = who.authorization { fields.append(("Authorization", authorization)) }
    if json != nil { fields.append(("Content-Type", "application/json")) }
    if form != nil { fields.append(("Content-Type", "application/x-www-form-urlencoded")) }
    if let contentType { fields.append(("Content-Type", contentType)) }
    fields += headers
    let body = raw ?? Array((json ?? form ?? "").utf8)
    var label = "\(method) \(target) as \(who.name)"
    if let json { label += " json \(json.count > 80 ? String(json.prefix(80)) + "…" : json)" }
    if let form { label += " form \(form)" }
    if !note.isEmpty { label += " (\(note))" }
    return WireRequest(label: label, method: method, target: .path(target), headers: fields, body: body)
}

/// Follows the link `key` of the previous answer, on each side: a page's `next`, or the `url`
/// of an object the previous request made (whose key each side chose itself), with `method` and
/// a JSON or form body.
func follow(_ key: String, _ who: Who = .anonymous, method: String = "GET", json: String? = nil, form: String? = nil) -> WireRequest {
    var made = request(method, "", who, json: json, form: form)
    made.target = .link(key)
    made.label = made.label.replacingOccurrences(of: "\(method)  as", with: "\(method) <\(key) link> as")
    return made
}

extension WireRequest {
    func ignoring(_ parts: WireRequest.Part...) -> WireRequest { var copy = self; copy.ignoring.formUnion(parts); return copy }
    func masking(_ masks: WireRequest.Mask...) -> WireRequest { var copy = self; copy.masks.formUnion(masks); return copy }
    /// As a browser sends it: see `withCookies`.
    var inBrowser: WireRequest {
        var copy = self
        copy.withCookies = true
        copy.label += " (with the cookies)"
        return copy
    }
}

/// One front end: a web server's port; the last answer, for `.link` targets.
final class WireSide {
    let name: String
    let port: Int
    var last: RawHTTPClient.Response?
    /// The cookies this side set (`Set-Cookie`), for requests sent `withCookies`.
    var cookies: [(name: String, value: String)] = []

    init(name: String, port: Int) {
        self.name = name
        self.port = port
    }

    static let host = "testserver"

    func send(_ request: WireRequest) throws -> (target: String, response: RawHTTPClient.Response) {
        let target: String
        switch request.target {
        case .path(let path): target = path
        case .link(let key):
            guard let last, let object = try? JSONSerialization.jsonObject(with: Data(last.body)) as? [String: Any],
                let link = object[key] as? String
            else {
                throw TestSupportError("\(name): the previous answer has no \(key) link: \(last?.text ?? "none")")
            }
            let prefix = "http://" + Self.host
            guard link.hasPrefix(prefix) else { throw TestSupportError("\(name): the \(key) link \(link) is not on \(prefix)") }
            target = String(link.dropFirst(prefix.count))
        }
        var headers = request.headers, body = request.body
        if request.withCookies {
            let csrf = cookies.first { $0.name == "csrftoken" }?.value ?? ""
            headers = headers.map { ($0.0, $0.1.replacingOccurrences(of: "{csrftoken}", with: csrf)) }
            body = Array(String(decoding: body, as: UTF8.self).replacingOccurrences(of: "{csrftoken}", with: csrf).utf8)
            if !cookies.isEmpty { headers.append(("Cookie", cookies.map { "\($0.name)=\($0.value)" }.joined(separator: "; "))) }
        }
        let response = try RawHTTPClient.send(
            port: port, method: request.method, path: target,
            headers: [("Host", Self.host)] + headers, body: body)
        if request.withCookies { keepCookies(response) }
        last = response
        return (target, response)
    }
}

extension WireSide {
    /// A browser's handling of `Set-Cookie`: set, replaced, or deleted by `Max-Age=0`.
    func keepCookies(_ response: RawHTTPClient.Response) {
        for header in response.headers where header.name.lowercased() == "set-cookie" {
            let pair = header.value.prefix { $0 != ";" }
            guard let equals = pair.firstIndex(of: "=") else { continue }
            let name = String(pair[..<equals]), value = String(pair[pair.index(after: equals)...])
            cookies.removeAll { $0.name == name }
            if !header.value.contains("Max-Age=0") { cookies.append((name, value)) }
        }
    }
}

/// Compares two answers to the same request; the differences, described with both sides shown.
enum WireComparison {
    static let headers = ["Allow", "WWW-Authenticate", "Location", "Content-Type", "Vary"]

    /// `names` say which answer is which in the descriptions (two runs of DRF alone, too).
    static func differences(
        _ request: WireRequest, ours: RawHTTPClient.Response, drf: RawHTTPClient.Response,
        names: (String, String) = ("api-server", "DRF")
    ) -> [String] {
        let (first, second) = names
        var found: [String] = []
        if ours.status != drf.status { found.append("status: \(first) \(ours.status), \(second) \(drf.status)") }
        for name in headers where !(name == "Content-Type" && request.ignoring.contains(.contentType)) {
            let mine = ours.headers.filter { $0.name.lowercased() == name.lowercased() }.map(\.value)
            let theirs = drf.headers.filter { $0.name.lowercased() == name.lowercased() }.map(\.value)
            // A Location names what the request made: masked as bodies are.
            if mine != theirs && mine.map({ mask($0, request.masks) }) != theirs.map({ mask($0, request.masks) }) {
                found.append("\(name): \(first) \(show(mine)), \(second) \(show(theirs))")
            }
        }
        // The browsable API's pages are compared by status and headers, not bytes (part 2,
        // "Browsable API": the same data in another page).
        let pages = isHTMLPage(ours) && isHTMLPage(drf)
        if !request.ignoring.contains(.body) && !pages && ours.body != drf.body {
            let mine = mask(ours.text, request.masks), theirs = mask(drf.text, request.masks)
            if mine != theirs || !validUTF8(ours.body) || !validUTF8(drf.body) {
                let width = max(first.count, second.count) + 1
                func pad(_ name: String) -> String { (name + ":").padding(toLength: width, withPad: " ", startingAt: 0) }
                found.append("body:\n    \(pad(first)) \(ours.text)\n    \(pad(second)) \(drf.text)")
            }
        }
        return found
    }

    /// An answer of the browsable API (`text/html; charset=utf-8`).
    static func isHTMLPage(_ response: RawHTTPClient.Response) -> Bool {
        response.headers.contains { $0.name.lowercased() == "content-type" && $0.value.hasPrefix("text/html") }
    }

    static func show(_ values: [String]) -> String { values.isEmpty ? "(none)" : values.map { "\"\($0)\"" }.joined(separator: ", ") }

    static func validUTF8(_ bytes: [UInt8]) -> Bool { String(validating: bytes, as: UTF8.self) != nil }

    /// Datetimes written by this run (the seed's are all in 2025) differ by nature: each side
    /// stamps its own rows. They are masked once they have DRF's format; so are the UUIDs of
    /// projects the run made (each side draws its own: `WireSeed.projectIDs` are the seed's),
    /// and token keys made at random, where the request says so.
    static func mask(_ text: String, _ masks: Set<WireRequest.Mask>) -> String {
        var text = text.replacing(/"(\d{4})-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.(?!000000)\d{6})?Z"/) { match in
            (Int(match.output.1) ?? 0) > 2025 ? "\"<now>\"" : String(match.output.0)
        }
        text = text.replacing(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/) { match in
            WireSeed.projectIDs.contains(String(match.output)) ? String(match.output) : "<made uuid>"
        }
        if masks.contains(.randomToken) { text = text.replacing(/"token":"[0-9a-f]{40}"/, with: #""token":"<random>""#) }
        return text
    }
}
