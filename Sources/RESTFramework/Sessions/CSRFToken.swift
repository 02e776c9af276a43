import COpenSSL

/// Django's CSRF tokens (`django.middleware.csrf`, 4.1 and later): a 32-character secret kept
/// in the `csrftoken` cookie, and the 64-character masked tokens pages put in their forms (a
/// fresh random mask each time, so the token in a page never repeats and BREACH learns nothing
/// from compressed responses). Either form is accepted back.
///
///     let secret = CSRFToken.newSecret()            // "kQ3…" (32 letters and digits)
///     let token = CSRFToken.mask(secret)            // 64 characters: mask + cipher
///     CSRFToken.unmask(token) == secret             // true
///     CSRFToken.matches(token, secret: secret)      // true (the secret itself matches too)
public enum CSRFToken {
    public static let secretLength = 32
    public static let tokenLength = 64
    /// Django's `CSRF_ALLOWED_CHARS`: ASCII letters then digits (the cipher's alphabet order).
    static let allowed = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".utf8)

    /// Django's `_get_new_csrf_string`.
    public static func newSecret() -> String {
        SecureRandom.string(length: secretLength, from: allowed)
    }

    /// Django's `_mask_cipher_secret`: a random mask, then each secret character shifted by the
    /// mask's character in the alphabet.
    public static func mask(_ secret: String) -> String {
        let mask = Array(SecureRandom.string(length: secretLength, from: allowed).utf8)
        let secret = Array(secret.utf8)
        var out = mask
        for (s, m) in zip(secret, mask) {
            out.append(allowed[(index(of: s) + index(of: m) + allowed.count) % allowed.count])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Django's `_unmask_cipher_token` for a token `formatProblem` accepted at 64 characters.
    public static func unmask(_ token: String) -> String {
        let bytes = Array(token.utf8)
        guard bytes.count == tokenLength else { return token }
        let mask = bytes[..<secretLength], cipher = bytes[secretLength...]
        var out: [UInt8] = []
        out.reserveCapacity(secretLength)
        for (c, m) in zip(cipher, mask) {
            out.append(allowed[(index(of: c) - index(of: m) + allowed.count) % allowed.count])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Django's `_check_token_format`: nil for a well-formed secret or token, else the reason
    /// as Django words it (`has incorrect length`, `has invalid characters`).
    public static func formatProblem(_ token: String) -> String? {
        // Python's `len`: code points, not bytes.
        let count = token.unicodeScalars.count
        guard count == secretLength || count == tokenLength else { return "has incorrect length" }
        for byte in token.utf8 where index(of: byte) < 0 { return "has invalid characters" }
        return nil
    }

    /// Django's `_does_token_match`: a well-formed token (either length) against the secret,
    /// compared in constant time.
    public static func matches(_ token: String, secret: String) -> Bool {
        let given = Array(unmask(token).utf8), expected = Array(secret.utf8)
        return given.count == expected.count && CRYPTO_memcmp(given, expected, given.count) == 0
    }

    /// The byte's place in `allowed`; -1 outside it.
    static func index(of byte: UInt8) -> Int {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"): return Int(byte - UInt8(ascii: "a"))
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): return 26 + Int(byte - UInt8(ascii: "A"))
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return 52 + Int(byte - UInt8(ascii: "0"))
        default: return -1
        }
    }
}
