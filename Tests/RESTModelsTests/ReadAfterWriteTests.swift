import PostgreSQL
import RESTFramework
import Testing
@testable import RESTModels

/// The read-your-writes position a client carries between requests: signed, so a client can
/// neither invent one nor garble one into something else; read from the cookie or the header.
@Suite struct ReadAfterWriteTests {
    let readAfterWrite = ReadAfterWrite(secretKey: "s3cret")
    let position = LogSequenceNumber(0x3_0000_0060)

    @Test func theCookieCarriesASignedPositionBack() throws {
        let signed = readAfterWrite.value(for: position)
        #expect(signed.hasPrefix("3/60:"))
        let cookie = readAfterWrite.cookie(signed: signed)
        #expect(cookie.hasPrefix("srf_lsn=\(signed); expires="))
        #expect(cookie.contains("; HttpOnly; Max-Age=300; Path=/; SameSite=Lax"))
        let request = Request(method: .get, path: "/x/", headers: ["Cookie": "sessionid=abc; srf_lsn=\(signed)"])
        #expect(readAfterWrite.position(in: request) == position)
    }

    @Test func theHeaderServesClientsWithoutCookies() {
        let request = Request(method: .get, path: "/x/", headers: ["SRF-LSN": readAfterWrite.value(for: position)])
        #expect(readAfterWrite.position(in: request) == position)
    }

    @Test func forgedOrForeignPositionsAreIgnored() {
        let signed = readAfterWrite.value(for: position)
        let forged = "FFFF/0:" + signed.split(separator: ":")[1]
        for value in [forged, "3/60", "3/60:", "", "garbage:garbage", ReadAfterWrite(secretKey: "other").value(for: position)] {
            #expect(readAfterWrite.position(in: Request(method: .get, path: "/", headers: ["SRF-LSN": value])) == nil, "\(value)")
        }
        #expect(readAfterWrite.position(in: Request(method: .get, path: "/")) == nil)
    }
}
