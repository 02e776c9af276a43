import Testing
@testable import HTTPCore

/// `Headers`: ordered, repeated names kept, names compared ASCII case-insensitively, byte by
/// byte (as Django's `HttpHeaders`).
@Suite struct HeadersTests {
    @Test func lookupIgnoresASCIICaseOnly() {
        let headers: Headers = ["authorization": "Token a", "Content-Type": "application/json", "X-Caf\u{E9}": "1"]
        #expect(headers["Authorization"] == "Token a")
        #expect(headers["AUTHORIZATION"] == "Token a")
        #expect(headers["content-type"] == "application/json")
        #expect(headers["x-caf\u{E9}"] == "1")
        // Same length, one byte apart; non-ASCII letters are not folded.
        #expect(headers["authorizatioN"] == "Token a")
        #expect(headers["authorizatiom"] == nil)
        #expect(headers["X-CAF\u{C9}"] == nil)
        #expect(headers["Content-Typ"] == nil)
        // `@` (64) and `[` (91) border `A`–`Z`: they must not fold onto `` ` `` (96) or `{` (123).
        #expect(!Headers.sameName("@", "`") && !Headers.sameName("[", "{") && Headers.sameName("Z", "z"))
        #expect(Headers.sameName("Content-Length", "content-length"))
        #expect(!Headers.sameName("Content-Length", "content-lengtH2"))
        #expect(!Headers.sameName("Content-Lengtg", "content-length"))
        #expect(!Headers.sameName("caf\u{E9}", "CAF\u{C9}"))
    }

    @Test func repeatedNamesAreKeptInOrder() {
        var headers: Headers = ["Content-Type": "text/plain"]
        headers.add("Set-Cookie", "a=1")
        headers.add("set-cookie", "b=2")
        #expect(headers["SET-COOKIE"] == "a=1")
        #expect(headers.values("Set-Cookie") == ["a=1", "b=2"])
        #expect(headers.fields.map(\.name) == ["Content-Type", "Set-Cookie", "set-cookie"])
        #expect(headers.count == 3 && headers.contains("set-COOKIE") && !headers.contains("vary"))
        #expect(Array(headers) == headers.fields)
    }

    /// The subscript keeps the first field's place (a view setting `Allow` does not reorder the
    /// response); `replace` moves the field last (FastCGI: where the last repeat arrived).
    @Test func settingKeepsThePlaceAndReplacingMovesLast() {
        var headers: Headers = ["A": "1", "B": "2", "a": "3", "C": "4"]
        var set = headers
        set["a"] = "5"
        #expect(set.fields == [.init(name: "a", value: "5"), .init(name: "B", value: "2"), .init(name: "C", value: "4")])
        set["D"] = "6"
        #expect(set.fields.last == .init(name: "D", value: "6"))
        set["b"] = nil
        #expect(set.fields.map(\.name) == ["a", "C", "D"])
        headers.replace("a", "5")
        #expect(headers.fields.map(\.value) == ["2", "4", "5"])
        headers.replace("C", nil)
        headers.remove("b")
        #expect(headers == ["a": "5"])
        #expect(Headers().isEmpty && headers != Headers())
    }
}
