/// The first bytes of a `MetricsStore`'s memory: what a process that attaches to it later
/// (an exec'd worker, `MetricsStore(attaching:)`) needs to lay out the counters as the maker
/// did. Written once, before any other process can map it; read-only after.
///
/// - 10 words: magic, methods, statuses, histogram slots, buckets, processes, routes, names'
///   bytes, counters' offset, counters;
/// - from byte 80, each route name: a 4-byte length, then its UTF-8 bytes;
/// - from the next page boundary, the counters: `layout.count` × 8 bytes.
///
/// The table's constants are in it too, so a binary built with other ones (a deploy that
/// changed the buckets, then a reload) is told apart instead of counting into the wrong places.
struct MetricsStoreHeader {
    static let magic: UInt64 = 0x5352_465f_4d45_5431  // "SRF_MET1"
    static let fixedBytes = 80
    /// Past this, the size cannot be a store's (and the arithmetic below stays far from overflow).
    static let largest = 1 << 40
    static let pageBytes = 4096

    let layout: MetricsLayout
    let countersOffset: Int

    init(layout: MetricsLayout) {
        self.layout = layout
        let namesBytes = layout.routes.reduce(0) { $0 + 4 + $1.utf8.count }
        countersOffset = (Self.fixedBytes + namesBytes + Self.pageBytes - 1) / Self.pageBytes * Self.pageBytes
    }

    private var words: [UInt64] {
        let namesBytes = layout.routes.reduce(0) { $0 + 4 + $1.utf8.count }
        return [
            Self.magic, UInt64(MetricsLayout.methodCount), UInt64(MetricsLayout.statuses), UInt64(MetricsLayout.histogramSlots),
            UInt64(MetricsLayout.bucketCount), UInt64(layout.processes), UInt64(layout.routes.count), UInt64(namesBytes),
            UInt64(countersOffset), UInt64(layout.count),
        ]
    }

    /// Into zeroed memory of at least `countersOffset` bytes.
    func write(to memory: UnsafeMutableRawPointer) {
        for (index, word) in words.enumerated() { memory.storeBytes(of: word, toByteOffset: index * 8, as: UInt64.self) }
        var offset = Self.fixedBytes
        for name in layout.routes {
            memory.storeBytes(of: UInt32(name.utf8.count), toByteOffset: offset, as: UInt32.self)
            offset += 4
            for byte in name.utf8 {
                memory.storeBytes(of: byte, toByteOffset: offset, as: UInt8.self)
                offset += 1
            }
        }
    }

    /// From memory of `byteCount` bytes (at least `fixedBytes`), every field checked against
    /// the size before it is used: a foreign or damaged header throws, never traps.
    static func read(from memory: UnsafeRawPointer, byteCount: Int) throws(MetricsStoreError) -> MetricsStoreHeader {
        func word(_ index: Int) -> UInt64 { memory.load(fromByteOffset: index * 8, as: UInt64.self) }
        let mismatch = MetricsStoreError(
            "the metrics' shared memory was made by another version of the server: restart it (not reload) to count this worker")
        guard word(0) == magic else { throw MetricsStoreError("the shared memory handed over is not a metrics store") }
        guard word(1) == UInt64(MetricsLayout.methodCount), word(2) == UInt64(MetricsLayout.statuses),
            word(3) == UInt64(MetricsLayout.histogramSlots), word(4) == UInt64(MetricsLayout.bucketCount)
        else { throw mismatch }
        let limit = UInt64(largest)
        let processes = word(5), routeCount = word(6), namesBytes = word(7), countersOffset = word(8), counters = word(9)
        guard processes >= 1, processes < limit, routeCount >= 1, routeCount < limit, namesBytes < limit, counters < limit,
            countersOffset >= UInt64(fixedBytes) + namesBytes, countersOffset + counters * 8 == UInt64(byteCount),
            countersOffset % UInt64(pageBytes) == 0
        else { throw mismatch }

        var routes: [String] = []
        var offset = fixedBytes
        let end = fixedBytes + Int(namesBytes)
        for _ in 0..<Int(routeCount) {
            guard offset + 4 <= end else { throw mismatch }
            let length = Int(memory.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
            offset += 4
            guard length <= end - offset else { throw mismatch }
            routes.append(String(decoding: UnsafeRawBufferPointer(start: memory + offset, count: length), as: UTF8.self))
            offset += length
        }
        guard offset == end, routes.first == MetricsStore.unmatchedRoute else { throw mismatch }
        let header = MetricsStoreHeader(layout: MetricsLayout(routes: routes, processes: Int(processes)))
        guard header.layout.count == Int(counters), header.countersOffset == Int(countersOffset) else { throw mismatch }
        return header
    }
}
