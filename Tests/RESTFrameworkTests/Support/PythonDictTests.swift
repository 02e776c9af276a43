import Testing
@testable import RESTFramework

/// `PythonDict`: a Python dict's order and values, in work linear in the keys set.
@Suite struct PythonDictTests {
    @Test func repeatedKeysKeepTheirFirstPlaceAndTakeTheLastValue() {
        // Below and well past the point where the hash index takes over.
        for keyCount in [3, 16, 17, 500] {
            var dict = PythonDict<String, Int>()
            for round in 0..<3 {
                for key in (0..<keyCount).reversed() { dict.set("k\(key)", round * 1000 + key) }
            }
            #expect(dict.pairs.map(\.key) == (0..<keyCount).reversed().map { "k\($0)" })
            #expect(dict.pairs.map(\.value) == (0..<keyCount).reversed().map { 2000 + $0 })
        }
    }

    /// A key that counts how often it is compared: the work of filling the dict, without a clock.
    struct CountedKey: Hashable {
        final class Counter { var comparisons = 0 }
        let value: Int
        let counter: Counter
        static func == (lhs: CountedKey, rhs: CountedKey) -> Bool {
            lhs.counter.comparisons += 1
            return lhs.value == rhs.value
        }
        func hash(into hasher: inout Hasher) { hasher.combine(value) }
    }

    @Test func fillingCostsAFewComparisonsPerKeyNotOnePerKeyAlreadyThere() {
        let counter = CountedKey.Counter()
        var dict = PythonDict<CountedKey, Int>()
        let keyCount = 20_000
        for round in 0..<2 {
            for value in 0..<keyCount { dict.set(CountedKey(value: value, counter: counter), round) }
        }
        #expect(dict.pairs.count == keyCount && dict.pairs.allSatisfy { $0.value == 1 })
        // A scan per key (the old way) compares 2 × 20,000² / 2 = 400 million times; a hash
        // lookup compares the keys it probes (Swift's dictionary keeps no hashes), a few per set.
        let sets = 2 * keyCount
        #expect(counter.comparisons < 20 * sets, "\(counter.comparisons) comparisons for \(sets) sets")
    }
}
