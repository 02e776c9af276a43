import CMemmem

/// Finding a byte string in a request body in linear time: the C library's `memmem` (glibc's
/// is a Horspool variant for short needles that bounds its work per byte, and Two-Way for long
/// ones). A plain forward search costs the needle's length at every byte of a crafted body (a
/// 200-character boundary of dashes against runs of dashes): seconds on 10 MiB.
///
///     ByteSearch.firstIndex(of: Array("--XyZ".utf8), in: body, from: 0)   // the first delimiter
enum ByteSearch {
    /// The index of the first occurrence of `needle` in `haystack[start..<limit]`, if any.
    static func firstIndex(of needle: [UInt8], in haystack: [UInt8], from start: Int, before limit: Int? = nil) -> Int? {
        let end = Swift.min(limit ?? haystack.count, haystack.count)
        guard !needle.isEmpty, start >= 0, end - start >= needle.count else { return nil }
        return haystack.withUnsafeBytes { hay in
            needle.withUnsafeBytes { pattern in
                guard let base = hay.baseAddress, let found = srf_memmem(base + start, end - start, pattern.baseAddress, pattern.count)
                else { return nil }
                return base.distance(to: UnsafeRawPointer(found))
            }
        }
    }
}
