import COpenSSL

/// Cryptographically secure randomness from OpenSSL, for salts, unusable-password suffixes and
/// token keys.
enum SecureRandom {
    /// Django's `RANDOM_STRING_CHARS`.
    static let alphanumerics = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".utf8)

    static func bytes(_ count: Int) -> [UInt8] {
        var buffer = [UInt8](repeating: 0, count: count)
        let status = buffer.withUnsafeMutableBufferPointer { RAND_bytes($0.baseAddress, Int32(count)) }
        // A failing CSPRNG must stop the process: carrying on would hand out guessable salts
        // and tokens, which is worse than any crash.
        precondition(status == 1, "RAND_bytes failed: OpenSSL's random generator is unavailable")
        return buffer
    }

    /// Django's `get_random_string(length, allowed_chars)`: each character uniform over
    /// `characters` (rejection sampling, so no character is favoured by the modulo).
    static func string(length: Int, from characters: [UInt8] = alphanumerics) -> String {
        precondition(!characters.isEmpty && characters.count <= 256)
        let limit = 256 - 256 % characters.count
        var result: [UInt8] = []
        result.reserveCapacity(length)
        while result.count < length {
            for byte in bytes(length - result.count + 8) where Int(byte) < limit && result.count < length {
                result.append(characters[Int(byte) % characters.count])
            }
        }
        return String(decoding: result, as: UTF8.self)
    }

    /// Python's `secrets.token_hex(count)`: `count` random bytes as lowercase hex.
    static func hex(bytes count: Int) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var result: [UInt8] = []
        result.reserveCapacity(count * 2)
        for byte in bytes(count) {
            result.append(digits[Int(byte >> 4)])
            result.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: result, as: UTF8.self)
    }
}
