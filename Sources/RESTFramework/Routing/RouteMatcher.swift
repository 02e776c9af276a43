/// The compiled form of a URL conf: a trie over path segments. Resolving walks the request's
/// segments once: a literal segment is one dictionary lookup, a parameter edge is tried only
/// where a pattern has a parameter, and patterns sharing a parameter shape share the edge. The
/// work depends on the path and on how many edges match it, not on how many routes exist.
/// Every matching pattern is a candidate; the lowest index wins, which is Django's
/// first-match order (`users/recent_users/` before `users/<pk>/`).
///
///     let matcher = try RouteMatcher([listPattern, detailPattern])
///     var trace = RouteMatcher.Trace()
///     matcher.match("users/3/", trace: &trace)   // Match(patternIndex: 1, captures: ["3"], format: nil)
struct RouteMatcher: Sendable {
    /// What a successful match found: the pattern, its parameter values in order, the format.
    struct Match {
        var patternIndex: Int
        var captures: [Substring]
        var format: Substring? = nil
    }

    /// How much work a match did, for tests that prove it does not grow with the route count.
    struct Trace {
        var nodesVisited = 0
        var candidates = 0
    }

    private enum Segment {
        case literal(String)
        case parameter(SegmentMatcher)
    }

    private struct Node: Sendable {
        var literals: [String: Int] = [:]
        /// One edge per distinct parameter shape; patterns capture under their own names.
        var parameters: [(matcher: SegmentMatcher, child: Int)] = []
        /// Patterns ending here, in index order.
        var terminals: [Int] = []
        /// Patterns whose format suffix follows the segment that led here.
        var suffixTerminals: [Int] = []
        /// The lowest pattern index at or below this node: lets a walk skip subtrees that cannot
        /// beat the best candidate found so far.
        var lowestIndex = Int.max
        /// `literals` as a list, when they are few and all ASCII: an ASCII segment is found by
        /// comparing bytes, without making a `String` and hashing it for every segment.
        var smallLiterals: [(text: [UInt8], child: Int)]?
    }

    /// At most this many literals at a node are scanned rather than looked up.
    private static let smallLiteralLimit = 8

    private var nodes = [Node()]

    init(_ patterns: [RoutePattern]) throws {
        for (index, pattern) in patterns.enumerated() {
            try insert(Self.segments(of: pattern), index: index, suffix: pattern.formatSuffix)
        }
        for i in nodes.indices
        where nodes[i].literals.count <= Self.smallLiteralLimit
            && nodes[i].literals.keys.allSatisfy({ $0.utf8.allSatisfy { $0 < 0x80 } })
        {
            nodes[i].smallLiterals = nodes[i].literals.map { (text: Array($0.key.utf8), child: $0.value) }
        }
    }

    // MARK: Building

    /// Splits a pattern at its slashes. A segment is one literal or one whole parameter: that is
    /// what lets the trie match segment by segment, without a regex over the whole path.
    private static func segments(of pattern: RoutePattern) throws -> [Segment] {
        var segments: [Segment] = []
        var current: [RoutePattern.Token] = []
        func close() throws {
            switch current.count {
            case 0: segments.append(.literal(""))
            case 1:
                switch current[0] {
                case .literal(let text): segments.append(.literal(text))
                case .parameter(_, let matcher): segments.append(.parameter(matcher))
                }
            default:
                throw ImproperlyConfigured(
                    "URL pattern \(pattern.regex) mixes text and a parameter within one path segment; give each parameter a segment of its own."
                )
            }
            current = []
        }
        for token in pattern.tokens {
            guard case .literal(let text) = token else { current.append(token); continue }
            let pieces = text.split(separator: "/", omittingEmptySubsequences: false)
            for (i, piece) in pieces.enumerated() {
                if i > 0 { try close() }
                if !piece.isEmpty { current.append(.literal(String(piece))) }
            }
        }
        try close()
        return segments
    }

    private mutating func insert(_ segments: [Segment], index: Int, suffix: Bool) throws {
        var node = 0
        nodes[node].lowestIndex = min(nodes[node].lowestIndex, index)
        for segment in segments {
            let child: Int
            switch segment {
            case .literal(let text):
                if let existing = nodes[node].literals[text] {
                    child = existing
                } else {
                    child = nodes.count
                    nodes.append(Node())
                    nodes[node].literals[text] = child
                }
            case .parameter(let matcher):
                if let existing = nodes[node].parameters.first(where: { $0.matcher.source == matcher.source }) {
                    child = existing.child
                } else {
                    child = nodes.count
                    nodes.append(Node())
                    nodes[node].parameters.append((matcher: matcher, child: child))
                }
            }
            node = child
            nodes[node].lowestIndex = min(nodes[node].lowestIndex, index)
        }
        if suffix { nodes[node].suffixTerminals.append(index) } else { nodes[node].terminals.append(index) }
    }

    // MARK: Matching

    /// Matches a path without its leading slash (`users/3/`).
    func match(_ path: Substring, trace: inout Trace) -> Match? {
        let segments = Self.segments(path)
        var best: Match?
        var captures: [Substring] = []
        walk(0, segments[...], suffix: false, captures: &captures, best: &best, trace: &trace)

        // The suffixed reading: `users/3.json` or `users/3.json/` is `users/3` plus a format. The
        // format is `[a-z0-9]+`, so it starts after the last dot of the last segment. Most paths
        // have none: the bytes are checked first (a backward `Character` scan of a whole segment
        // is dear per character); the `Character` scan, which can only end sooner,
        // confirms the dot is one on its own (not part of a wider grapheme).
        var lastIndex = segments.count - 1
        if lastIndex > 0 && segments[lastIndex].isEmpty { lastIndex -= 1 }
        let last = segments[lastIndex]
        if let byteDot = last.utf8.lastIndex(of: UInt8(ascii: ".")),
            Self.isFormat(last[last.utf8.index(after: byteDot)...]),
            let dot = last.lastIndex(of: "."), dot == byteDot
        {
            var suffixed = segments[...lastIndex]
            suffixed[lastIndex] = last[..<dot]
            var suffixBest: Match?
            walk(0, suffixed, suffix: true, captures: &captures, best: &suffixBest, trace: &trace)
            if var found = suffixBest, found.patternIndex < best?.patternIndex ?? .max {
                found.format = last[last.index(after: dot)...]
                best = found
            }
        }
        return best
    }

    /// The path split at each `/` (empty pieces kept), on its bytes: splitting on `Character`s
    /// cost more than the rest of the matching.
    static func segments(_ path: Substring) -> [Substring] {
        var segments: [Substring] = []
        segments.reserveCapacity(6)
        let utf8 = path.utf8
        var start = utf8.startIndex, i = start
        while i != utf8.endIndex {
            if utf8[i] == UInt8(ascii: "/") {
                segments.append(Substring(utf8[start..<i]))
                start = utf8.index(after: i)
            }
            i = utf8.index(after: i)
        }
        segments.append(Substring(utf8[start..<utf8.endIndex]))
        return segments
    }

    private func walk(
        _ nodeIndex: Int, _ segments: ArraySlice<Substring>, suffix: Bool, captures: inout [Substring],
        best: inout Match?, trace: inout Trace
    ) {
        trace.nodesVisited += 1
        if let best, nodes[nodeIndex].lowestIndex >= best.patternIndex { return }
        guard let segment = segments.first else {
            if let index = (suffix ? nodes[nodeIndex].suffixTerminals.first : nodes[nodeIndex].terminals.first) {
                trace.candidates += 1
                if index < best?.patternIndex ?? .max { best = Match(patternIndex: index, captures: captures) }
            }
            return
        }
        let rest = segments.dropFirst()
        if let child = literalChild(nodeIndex, segment) {
            walk(child, rest, suffix: suffix, captures: &captures, best: &best, trace: &trace)
        }
        for edge in nodes[nodeIndex].parameters where edge.matcher.matches(segment) {
            captures.append(segment)
            walk(edge.child, rest, suffix: suffix, captures: &captures, best: &best, trace: &trace)
            captures.removeLast()
        }
    }

    /// The child for a literal segment. Among ASCII literals an ASCII segment is equal to one
    /// exactly when its bytes are (what `String`'s `==` decides for ASCII); any other segment
    /// is looked up in the dictionary, as `String`s.
    private func literalChild(_ nodeIndex: Int, _ segment: Substring) -> Int? {
        if let small = nodes[nodeIndex].smallLiterals {
            var segment = segment
            let found = segment.withUTF8 { bytes -> Int? in
                for byte in bytes where byte >= 0x80 { return nil }
                for literal in small where literal.text.count == bytes.count {
                    if literal.text.withUnsafeBufferPointer({ $0.elementsEqual(bytes) }) { return literal.child }
                }
                return -1
            }
            if let found { return found < 0 ? nil : found }
        }
        return nodes[nodeIndex].literals[String(segment)]
    }

    private static func isFormat(_ text: Substring) -> Bool {
        !text.isEmpty
            && text.utf8.allSatisfy {
                ($0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z")) || ($0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9"))
            }
    }
}
