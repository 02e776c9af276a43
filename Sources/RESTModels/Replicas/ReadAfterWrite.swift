import PostgreSQL
import RESTFramework

/// Read-your-writes across processes and hosts: after a write, the client is given the
/// primary's log position in a signed cookie (`srf_lsn`), and the same value in an `SRF-LSN`
/// response header for clients without cookies, which send it back as an `SRF-LSN` request header; a later read uses only replicas that have
/// replayed that far, else the primary. Signed with the application's secret key
/// (`SRF_SECRET_KEY`), so a client cannot make up a position; a forged or garbled one is
/// ignored.
///
///     let readAfterWrite = ReadAfterWrite(secretKey: "s3cret")
///     let signed = readAfterWrite.value(for: LogSequenceNumber("0/3000060")!)   // "0/3000060:…"
///     readAfterWrite.cookie(signed: signed)   // "srf_lsn=0/3000060:…; expires=…; HttpOnly; Max-Age=300; Path=/; SameSite=Lax"
public struct ReadAfterWrite: Sendable {
    public static let cookieName = "srf_lsn"
    public static let headerName = "SRF-LSN"
    /// Long past any healthy replica's lag: after it, the position says nothing more.
    public var maxAge: Int
    private let signer: Signer

    public init(secretKey: String, maxAge: Int = 300) {
        signer = Signer(secretKey: secretKey, salt: "swift-rest-framework.read-replicas.lsn")
        self.maxAge = maxAge
    }

    /// The signed value for `position` (what the cookie and the header carry).
    public func value(for position: LogSequenceNumber) -> String { signer.sign(position.description) }

    /// The `Set-Cookie` value for a signed position (`value(for:)`).
    public func cookie(signed: String) -> String {
        SetCookie(name: Self.cookieName, value: signed, maxAge: maxAge, httpOnly: true).headerValue()
    }

    /// The position the request's client last wrote at, nil without a valid one.
    public func position(in request: Request) -> LogSequenceNumber? {
        let headers = request.headers
        guard let signed = headers[Self.headerName] ?? Cookies.value(named: Self.cookieName, in: headers["Cookie"]) else { return nil }
        return position(fromSigned: signed)
    }

    public func position(fromSigned signed: String) -> LogSequenceNumber? {
        signer.unsign(signed).flatMap { LogSequenceNumber($0) }
    }
}
