/// Django's `split_domain_port`, on the bytes of a `Host` value, without allocating: the request
/// path of `ALLOWED_HOSTS` (see `AllowedHosts`).
///
/// The grammar is Django's `host_validation_re`, matched case-insensitively against the whole
/// value (not compiled: a regular expression):
///
///     ^([a-z0-9.-]+|\[[a-f0-9]*:[a-f0-9.:]+\])(?::([0-9]+))?$
///
///     HostSyntax.split("Example.COM.:8000")      // domain "example.com", port "8000"
///     HostSyntax.split("[::1]:8000")             // domain "[::1]", port "8000"
///     HostSyntax.split("example.com@evil.tld")   // nil: not a host
enum HostSyntax {
    /// Where the parts of a valid host lie: the domain is `0..<domainEnd` (one trailing dot
    /// left out, as Django removes it), the port `portStart..<count` when there is one.
    struct Parts: Equatable {
        let domainEnd: Int
        let portStart: Int?
    }

    /// The parts of `host`, or nil when it is not a host by Django's grammar (which Django
    /// reports as an empty domain), including a domain that is only a dot.
    static func parts(of host: UnsafeBufferPointer<UInt8>) -> Parts? {
        let count = host.count
        guard count > 0 else { return nil }
        var end = 0
        if host[0] == UInt8(ascii: "[") {
            // \[[a-f0-9]*:[a-f0-9.:]+\] : hex digits up to the first colon, then at least one
            // of hex, dot or colon, then the closing bracket.
            var firstColon: Int?
            end = 1
            while end < count, host[end] != UInt8(ascii: "]") {
                let byte = lowercased(host[end])
                if byte == UInt8(ascii: ":") {
                    if firstColon == nil { firstColon = end }
                } else if byte == UInt8(ascii: ".") {
                    guard firstColon != nil else { return nil }
                } else if !isHexDigit(byte) {
                    return nil
                }
                end += 1
            }
            guard end < count, let firstColon, end - firstColon > 1 else { return nil }
            end += 1
        } else {
            while end < count, isDomainByte(lowercased(host[end])) { end += 1 }
            guard end > 0 else { return nil }
        }
        var portStart: Int?
        if end < count {
            // Anything after the domain must be `:` and at least one ASCII digit.
            guard host[end] == UInt8(ascii: ":"), end + 1 < count else { return nil }
            for index in (end + 1)..<count where !isDigit(host[index]) { return nil }
            portStart = end + 1
        }
        let domainEnd = host[end - 1] == UInt8(ascii: ".") ? end - 1 : end
        guard domainEnd > 0 else { return nil }
        return Parts(domainEnd: domainEnd, portStart: portStart)
    }

    /// Django's `split_domain_port(host)`: the lowercased domain (trailing dot removed) and the
    /// port, or two empty strings for a value that is not a host.
    static func split(_ host: String) -> (domain: String, port: String) {
        var host = host
        return host.withUTF8 { bytes in
            guard let parts = parts(of: bytes) else { return ("", "") }
            let domain = String(decoding: bytes[0..<parts.domainEnd].map(lowercased), as: UTF8.self)
            let port = parts.portStart.map { String(decoding: bytes[$0...], as: UTF8.self) } ?? ""
            return (domain, port)
        }
    }

    /// ASCII lowercase; other bytes unchanged (they are refused by the grammar anyway).
    @inline(__always)
    static func lowercased(_ byte: UInt8) -> UInt8 {
        byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    private static func isHexDigit(_ byte: UInt8) -> Bool {
        isDigit(byte) || (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "f"))
    }

    /// `[a-z0-9.-]`, for a byte already lowercased.
    private static func isDomainByte(_ byte: UInt8) -> Bool {
        isDigit(byte) || (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
            || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "-")
    }
}
