/// IP address syntax as Python's `ipaddress` module accepts it (what Django's
/// `validate_ipv46_address` relies on), for address literals in email domains.
enum IPAddressSyntax {
    /// Four decimal octets, 0–255, no leading zeros (Python ≥ 3.9.5 refuses them as ambiguous).
    static func isValidIPv4(_ text: String) -> Bool { ipv4Value(text) != nil }

    static func ipv4Value(_ text: String) -> UInt32? {
        let octets = text.split(separator: ".", omittingEmptySubsequences: false)
        guard octets.count == 4 else { return nil }
        var value: UInt32 = 0
        for octet in octets {
            guard (1...3).contains(octet.utf8.count), octet.utf8.allSatisfy({ (48...57).contains($0) }),
                octet.count == 1 || octet.first != "0", let number = UInt32(octet), number <= 255
            else { return nil }
            value = value << 8 | number
        }
        return value
    }

    /// Python's `IPv6Address` parsing plus Django's 39-character limit: up to eight hextets of 1–4
    /// hex digits, at most one `::`, an optional embedded IPv4 address as the last two hextets.
    static func isValidIPv6(_ text: String) -> Bool {
        guard !text.isEmpty, text.count <= 39 else { return false }
        var parts = text.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard parts.count >= 3 else { return false }
        if let last = parts.last, last.contains(".") {
            guard let v4 = ipv4Value(last) else { return false }
            parts.removeLast()
            parts.append(String(v4 >> 16, radix: 16))
            parts.append(String(v4 & 0xFFFF, radix: 16))
        }
        guard parts.count <= 9 else { return false }
        var skipIndex: Int?
        for i in 1..<(parts.count - 1) where parts[i].isEmpty {
            if skipIndex != nil { return false }  // more than one "::"
            skipIndex = i
        }
        var high: Int, low: Int
        if let skip = skipIndex {
            high = skip
            low = parts.count - skip - 1
            if parts[0].isEmpty { high -= 1; if high != 0 { return false } }
            if parts[parts.count - 1].isEmpty { low -= 1; if low != 0 { return false } }
            if 8 - (high + low) < 1 { return false }
        } else {
            guard parts.count == 8, !parts[0].isEmpty, !parts[7].isEmpty else { return false }
            high = parts.count
            low = 0
        }
        let checked = parts[..<high] + parts[(parts.count - low)...]
        return checked.allSatisfy { hextet in
            (1...4).contains(hextet.utf8.count) && hextet.unicodeScalars.allSatisfy(\.properties.isASCIIHexDigit)
        }
    }
}
