/// DRF's `TokenAuthentication`: `Authorization: Token <key>`.
///
///     var settings = APISettings()
///     settings.authenticationClasses = [TokenAuthentication(store: SQLTokenStore()), BasicAuthentication(store: SQLUserStore())]
///     // a new key for a user, as DRF's Token.generate_key():
///     let key = TokenAuthentication.generateKey()   // 40 lowercase hex digits
///
/// A header with another scheme, or none, is not this authenticator's business (nil: the next
/// one tries). A header with this scheme is either valid or a 401 with DRF's message. On
/// success `request.auth` is the token key. Being first in the settings, its `keyword` is the
/// `WWW-Authenticate` of every 401.
public struct TokenAuthentication: Authentication {
    public let store: any TokenStore
    /// DRF's `keyword`: the scheme, matched case-insensitively (`Bearer` for some clients).
    public let keyword: String

    public init(store: any TokenStore, keyword: String = "Token") {
        self.store = store
        self.keyword = keyword
    }

    public func authenticate(_ request: Request) throws -> AuthenticationResult? {
        let value = request.headers["Authorization"] ?? ""
        // The usual `Token <key>` in ASCII, read in place: splitting it into word arrays,
        // comparing and validating them was a measurable cost on every authenticated request.
        if let key = Self.key(ofASCIIHeader: value, keyword: keyword) {
            return try authenticateCredentials(key, request: request)
        }
        let header = AuthorizationHeader(value: value)
        guard header.hasScheme(keyword) else { return nil }
        guard header.words.count > 1 else {
            throw AuthenticationFailed("Invalid token header. No credentials provided.")
        }
        guard header.words.count == 2 else {
            throw AuthenticationFailed("Invalid token header. Token string should not contain spaces.")
        }
        // DRF's `auth[1].decode()`: the key must be valid UTF-8.
        guard let key = String(validating: header.words[1], as: UTF8.self) else {
            throw AuthenticationFailed("Invalid token header. Token string should not contain invalid characters.")
        }
        return try authenticateCredentials(key, request: request)
    }

    /// DRF's `authenticate_credentials`: the key's owner, who must be active.
    public func authenticateCredentials(_ key: String, request: Request) throws -> AuthenticationResult {
        // No key holds a NUL, and one must never reach a C-string API (libpq would cut it
        // short). DRF on PostgreSQL answers 500 here; a bad credential is the honest answer.
        guard !Self.containsNUL(key), let user = try store.user(forToken: key, request: request) else {
            throw AuthenticationFailed("Invalid token.")
        }
        guard user.isActive else {
            throw AuthenticationFailed("User inactive or deleted.")
        }
        return AuthenticationResult(user: user, auth: key)
    }

    public func authenticateHeader(_ request: Request) -> String? { keyword }

    /// The key of an ASCII header of exactly two words, the first being `keyword` (ASCII
    /// case-insensitively): what the general path below accepts for such a header, as the same
    /// string. Nil for anything else, which the general path then decides.
    static func key(ofASCIIHeader value: String, keyword: String) -> String? {
        var value = value, keyword = keyword
        return value.withUTF8 { bytes -> String? in
            for byte in bytes where byte >= 0x80 { return nil }
            let count = bytes.count
            var i = 0
            while i < count && AuthorizationHeader.isWhitespace(bytes[i]) { i += 1 }
            let schemeStart = i
            while i < count && !AuthorizationHeader.isWhitespace(bytes[i]) { i += 1 }
            let schemeEnd = i
            while i < count && AuthorizationHeader.isWhitespace(bytes[i]) { i += 1 }
            let keyStart = i
            while i < count && !AuthorizationHeader.isWhitespace(bytes[i]) { i += 1 }
            let keyEnd = i
            while i < count && AuthorizationHeader.isWhitespace(bytes[i]) { i += 1 }
            guard i == count, keyStart < keyEnd else { return nil }
            let sameScheme = keyword.withUTF8 { expected -> Bool in
                guard expected.count == schemeEnd - schemeStart else { return false }
                for j in 0..<expected.count
                where AuthorizationHeader.asciiLowercased(expected[j])
                    != AuthorizationHeader.asciiLowercased(bytes[schemeStart + j])
                { return false }
                return true
            }
            guard sameScheme else { return nil }
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[keyStart..<keyEnd]), as: UTF8.self)
        }
    }

    /// `key.utf8.contains(0)` over the key's bytes, without the generic `contains` on the
    /// UTF-8 view (dear for a 40-character key on every authenticated request).
    private static func containsNUL(_ key: String) -> Bool {
        var key = key
        return key.withUTF8 { bytes in
            for byte in bytes where byte == 0 { return true }
            return false
        }
    }

    /// DRF's `Token.generate_key()`: 20 random bytes as 40 lowercase hex digits.
    public static func generateKey() -> String {
        SecureRandom.hex(bytes: 20)
    }
}
