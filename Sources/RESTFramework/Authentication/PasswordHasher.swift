import COpenSSL

/// Django's `PBKDF2PasswordHasher` and the `check_password` / `make_password` /
/// `is_password_usable` functions around it, so that password hashes move freely between a
/// Django site and this framework.
///
///     let hasher = PasswordHasher()                        // 1,000,000 iterations (Django 5.2)
///     let encoded = hasher.makePassword("s3cret")          // "pbkdf2_sha256$1000000$<salt>$<digest>"
///     hasher.checkPassword("s3cret", encoded: encoded)     // true
///     hasher.checkPassword("s3cret", encoded: PasswordHasher.makeUnusablePassword())  // false
///
/// An encoded password is `pbkdf2_sha256$<iterations>$<salt>$<base64 of the SHA-256 digest>`;
/// it is verified with the iteration count it carries, so hashes written by a Django site with a
/// different setting keep working. Anything else (another algorithm, garbage, an unusable
/// password) verifies false and never traps.
public struct PasswordHasher: Sendable {
    /// Django's `PBKDF2PasswordHasher.algorithm`.
    public static let algorithm = "pbkdf2_sha256"
    /// Django 5.2's iteration count.
    public static let defaultIterations = 1_000_000
    /// Django's `UNUSABLE_PASSWORD_PREFIX`.
    public static let unusablePasswordPrefix = "!"
    /// Django's `UNUSABLE_PASSWORD_SUFFIX_LENGTH`.
    public static let unusablePasswordSuffixLength = 40
    /// Django's salt: 128 bits of entropy over 62 characters, rounded up.
    public static let saltLength = 22

    /// Iterations for new hashes (verification uses the count in the hash).
    public let iterations: Int

    /// - Parameter iterations: for new hashes; lower it in tests, where a million rounds per
    ///   request would dominate the run time.
    public init(iterations: Int = PasswordHasher.defaultIterations) {
        precondition(iterations > 0 && iterations <= Int(Int32.max), "PBKDF2 iterations must be in 1...\(Int32.max)")
        self.iterations = iterations
        self.observer = nil
    }

    /// Called once per PBKDF2 run: lets tests check that every refusal costs exactly one hash
    /// (the timing-attack defence) by counting, not by timing.
    let observer: (@Sendable () -> Void)?

    init(iterations: Int, observer: @escaping @Sendable () -> Void) {
        self.iterations = iterations
        self.observer = observer
    }

    // MARK: Making

    /// Django's `make_password(password)`: a new random salt and this hasher's iteration count.
    public func makePassword(_ password: String) -> String {
        // Cannot be nil: the salt is valid by construction, the iterations were checked in
        // `init`, and OpenSSL's PBKDF2 fails only when it cannot allocate.
        encode(password, salt: SecureRandom.string(length: Self.saltLength), iterations: iterations)!
    }

    /// Django's `make_password(password, salt)`. The salt must be non-empty and contain no `$`
    /// (the field separator); nil otherwise.
    public func makePassword(_ password: String, salt: String) -> String? {
        encode(password, salt: salt, iterations: iterations)
    }

    /// Django's `make_password(None)`: `!` and 40 random characters, so that no password matches
    /// and every such value is distinct.
    public static func makeUnusablePassword() -> String {
        unusablePasswordPrefix + SecureRandom.string(length: unusablePasswordSuffixLength)
    }

    /// A new random password, to be shown once (the demo data's admin): Django's former
    /// `make_random_password()` alphabet, without look-alikes (`l`, `I`, `1`, `O`, `0`), from the
    /// CSPRNG. 20 characters of 55: about 115 bits.
    public static func makeRandomPassword(length: Int = 20) -> String {
        SecureRandom.string(length: length, from: Array("abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789".utf8))
    }

    /// Django's `is_password_usable`: anything not starting with `!` counts as usable (it may
    /// still be garbage that never verifies).
    public static func isUsable(_ encoded: String) -> Bool {
        !encoded.hasPrefix(unusablePasswordPrefix)
    }

    // MARK: Checking

    /// Django's `check_password(password, encoded)`. Like Django, runs the hasher once even when
    /// `encoded` is unusable or unreadable, so that the time taken does not tell those accounts
    /// apart from ones with a real password.
    public func checkPassword(_ password: String, encoded: String) -> Bool {
        guard Self.isUsable(encoded), let parts = Self.decode(encoded),
            let candidate = encode(password, salt: parts.salt, iterations: parts.iterations)
        else {
            spendHashingTime(password)
            return false
        }
        // Compare the whole encoded strings, as Django does; lengths are public (the format).
        let expected = Array(encoded.utf8), actual = Array(candidate.utf8)
        guard expected.count == actual.count else { return false }
        return CRYPTO_memcmp(expected, actual, expected.count) == 0
    }

    /// Runs the hasher once and discards the result: Django's `UserModel().set_password(password)`
    /// for an unknown username, which keeps a missing user as slow as a wrong password.
    public func spendHashingTime(_ password: String) {
        _ = encode(password, salt: SecureRandom.string(length: Self.saltLength), iterations: iterations)
    }

    // MARK: Format

    /// The fields of `pbkdf2_sha256$<iterations>$<salt>$<hash>` (`encoded.split("$", 3)`), or
    /// nil where Django's `identify_hasher`/`decode` would raise.
    static func decode(_ encoded: String) -> (iterations: Int, salt: String, hash: Substring)? {
        let fields = encoded.split(separator: "$", maxSplits: 3, omittingEmptySubsequences: false)
        guard fields.count == 4, fields[0] == algorithm,
            !fields[1].isEmpty, fields[1].utf8.allSatisfy({ (0x30...0x39).contains($0) }),
            let iterations = Int(fields[1]), iterations > 0, iterations <= Int(Int32.max),
            !fields[2].isEmpty
        else { return nil }
        return (iterations, String(fields[2]), fields[3])
    }

    /// Django's `PBKDF2PasswordHasher.encode`: PBKDF2-HMAC-SHA256 over the UTF-8 bytes of the
    /// password and salt, 32 bytes, standard base64.
    func encode(_ password: String, salt: String, iterations: Int, longestPassword: Int = Int(Int32.max)) -> String? {
        guard !salt.isEmpty, !salt.contains("$"), iterations > 0, iterations <= Int(Int32.max) else { return nil }
        observer?()
        guard let passwordBytes = Self.hmacKey(Array(password.utf8), longest: longestPassword) else { return nil }
        let saltBytes = Array(salt.utf8)
        var digest = [UInt8](repeating: 0, count: 32)
        let status = passwordBytes.withUnsafeBufferPointer { passwordBuffer in
            passwordBuffer.withMemoryRebound(to: CChar.self) { passwordChars in
                PKCS5_PBKDF2_HMAC(
                    passwordChars.baseAddress, Int32(passwordBytes.count),
                    saltBytes, Int32(saltBytes.count), Int32(iterations),
                    EVP_sha256(), Int32(digest.count), &digest)
            }
        }
        guard status == 1 else { return nil }
        return "\(Self.algorithm)$\(iterations)$\(salt)$\(PythonBase64.encode(digest))"
    }

    /// The password as PBKDF2's HMAC key. OpenSSL takes its length as an `int`, and a body (a
    /// login form's password) may be larger when `--max-body-size` allows over 2 GiB. HMAC itself
    /// replaces a key longer than SHA-256's 64-byte block by the key's SHA-256 digest (RFC 2104),
    /// so passing that digest for a password over `longest` bytes gives the same hash.
    static func hmacKey(_ password: [UInt8], longest: Int) -> [UInt8]? {
        guard password.count > longest, password.count > 64 else { return password }
        var digest = [UInt8](repeating: 0, count: 32)
        var length: UInt32 = 0
        guard EVP_Digest(password, password.count, &digest, &length, EVP_sha256(), nil) == 1, length == 32 else { return nil }
        return digest
    }
}
