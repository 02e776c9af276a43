import COpenSSL

/// Django's `django.core.signing.Signer`: `value:signature`, the signature an HMAC-SHA256 of the
/// value under a key derived from the application's secret key and a salt (`salted_hmac`), in
/// URL-safe base64 without padding. The session cookie is signed with it, so a cookie the
/// server did not write is refused before the database is asked.
///
///     let signer = Signer(secretKey: "s3cret", salt: "sessions")
///     let cookie = signer.sign("k3y")        // "k3y:<43 characters>"
///     signer.unsign(cookie)                   // "k3y"
///     signer.unsign("k3y:forged")             // nil
public struct Signer: Sendable {
    public let secretKey: String
    /// Different salts give unrelated signatures under one secret key (Django's `salt`).
    public let salt: String

    public init(secretKey: String, salt: String = "django.core.signing.Signer") {
        self.secretKey = secretKey
        self.salt = salt
    }

    /// Django's `Signer.signature(value)`.
    public func signature(_ value: String) -> String {
        Self.base64URL(Self.saltedHMAC(keySalt: salt + "signer", value: value, secret: secretKey))
    }

    public func sign(_ value: String) -> String { value + ":" + signature(value) }

    /// The value of a signed text, or nil when the signature does not match (compared in
    /// constant time, so the answer's timing tells nothing about the right signature).
    public func unsign(_ signed: String) -> String? {
        guard let colon = signed.utf8.lastIndex(of: UInt8(ascii: ":")) else { return nil }
        let value = String(signed[..<colon])
        let given = Array(signed.utf8[signed.utf8.index(after: colon)...])
        let expected = Array(signature(value).utf8)
        guard given.count == expected.count, CRYPTO_memcmp(given, expected, given.count) == 0 else { return nil }
        return value
    }

    /// Django's `salted_hmac(key_salt, value, secret, algorithm="sha256")`: HMAC-SHA256 of
    /// `value` keyed with SHA-256(`keySalt` + `secret`).
    public static func saltedHMAC(keySalt: String, value: String, secret: String) -> [UInt8] {
        let keyMaterial = Array((keySalt + secret).utf8)
        var key = [UInt8](repeating: 0, count: 32)
        var keyLength: UInt32 = 0
        // SHA-256 and HMAC of in-memory buffers fail only without memory; a zero key would
        // sign everything alike, so stop rather than go on.
        precondition(EVP_Digest(keyMaterial, keyMaterial.count, &key, &keyLength, EVP_sha256(), nil) == 1)
        let message = Array(value.utf8)
        var digest = [UInt8](repeating: 0, count: 32)
        var digestLength: UInt32 = 0
        precondition(HMAC(EVP_sha256(), key, Int32(key.count), message, message.count, &digest, &digestLength) != nil)
        return digest
    }

    /// Python's `urlsafe_b64encode(...).strip(b"=")` (Django's `b64_encode`).
    static func base64URL(_ bytes: [UInt8]) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)
        var out: [UInt8] = []
        out.reserveCapacity((bytes.count + 2) / 3 * 4)
        var i = 0
        while i < bytes.count {
            let b0 = UInt32(bytes[i])
            let b1 = i + 1 < bytes.count ? UInt32(bytes[i + 1]) : 0
            let b2 = i + 2 < bytes.count ? UInt32(bytes[i + 2]) : 0
            let n = b0 << 16 | b1 << 8 | b2
            out.append(alphabet[Int(n >> 18 & 63)])
            out.append(alphabet[Int(n >> 12 & 63)])
            if i + 1 < bytes.count { out.append(alphabet[Int(n >> 6 & 63)]) }
            if i + 2 < bytes.count { out.append(alphabet[Int(n & 63)]) }
            i += 3
        }
        return String(decoding: out, as: UTF8.self)
    }
}
