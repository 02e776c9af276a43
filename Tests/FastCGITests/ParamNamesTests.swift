@testable import FastCGI
import Testing

/// The byte-level shortcuts taken while copying params (`ParamNames`, `Request.headerName`):
/// they must give exactly what decoding the bytes would.
@Suite struct ParamNamesTests {
    func known(_ name: String) -> String? {
        Array(name.utf8).withUnsafeBytes { ParamNames.known($0)?.name }
    }

    @Test func knownNamesComeBackAsThemselves() {
        for name in [
            "HTTPS", "PATH_INFO", "HTTP_HOST", "QUERY_STRING", "REQUEST_METHOD", "SERVER_PROTOCOL",
            "GATEWAY_INTERFACE", "HTTP_AUTHORIZATION", "HTTP_ACCEPT_ENCODING", "HTTP_X_FORWARDED_PROTO",
            "HTTP_CONTENT_TYPE", "HTTP_CONTENT_LENGTH",
        ] {
            #expect(known(name) == name)
        }
    }

    /// Names up to 16 bytes are matched on their first and last 8 bytes (all of them); longer
    /// ones are compared whole, so a difference in the bytes between those words is seen.
    @Test func nearMissesAreNotKnown() {
        for name in [
            "HTTPX", "HTTP", "", "PATH_INFX", "path_info", "HTTP_X_CUSTOM", "SERVER_NAMES",
            "HTTP_ACCXXX_ENCODING", "GATEWAY_INXERFACE", "HTTP_AUTHORIZATION_EXTRA_LONG_NAME",
        ] {
            #expect(known(name) == nil, "\(name)")
        }
    }

    @Test func headerNamesFromParams() {
        #expect(Request.headerName(forParam: "HTTP_X_FORWARDED_FOR") == "x-forwarded-for")
        #expect(Request.headerName(forParam: "HTTP_HOST") == "host")
        #expect(Request.headerName(forParam: "CONTENT_TYPE") == "content-type")
        #expect(Request.headerName(forParam: "CONTENT_LENGTH") == "content-length")
        #expect(Request.headerName(forParam: "CONTENT_TYPX") == nil)
        #expect(Request.headerName(forParam: "QUERY_STRING") == nil)
        #expect(Request.headerName(forParam: "HTTP_") == nil)
        #expect(Request.headerName(forParam: "HTTPS") == nil)
        // Not ASCII: decided on the slow path; only ASCII letters are lowered.
        #expect(Request.headerName(forParam: "HTTP_X_É_A") == "x-É-a")
    }

    @Test func headersAreCollectedInOrder() {
        let request = Request(params: [
            ("HTTP_HOST", "h"), ("CONTENT_TYPE", ""), ("HTTP_ACCEPT", ""),
            ("SERVER_NAME", "s"), ("HTTP_X_A", "1"), ("CONTENT_LENGTH", "3"),
        ])
        #expect(request.headers.fields.map(\.name) == ["host", "accept", "x-a", "content-length"])
        #expect(request.headers["accept"] == "")
    }

    /// The bytes a request keeps until `paramList` is read.
    @Test func receivedParamsDecodeAsTheyWereSent() {
        var bytes: [UInt8] = []
        for entry: [UInt8] in [
            Array("A=1".utf8), Array("HTTP_X=caf".utf8) + [0xE9], Array("NO_EQUALS".utf8),
            Array("B=".utf8), Array("C=x=y".utf8), Array("PATH_INFO=/".utf8) + [0xFF],
        ] {
            bytes += entry + [0]
        }
        let decoded = ReceivedParams(bytes: bytes).decoded()
        #expect(decoded.map(\.0) == ["A", "HTTP_X", "B", "C", "PATH_INFO"])
        #expect(decoded.map(\.1) == ["1", "caf\u{E9}", "", "x=y", "/\u{FFFD}"])
        #expect(ReceivedParams().decoded().isEmpty)
    }
}
