import Testing

@testable import TestSupport

/// The ports test servers listen on come from below the kernel's ephemeral range, where no
/// outgoing connection can take them between the check and the server's bind.
@Suite struct FreePortTests {
    @Test func portsAreDistinctAndBelowTheEphemeralRange() {
        let ports = (0..<50).map { _ in freeLocalPort() }
        #expect(Set(ports).count == ports.count)
        #expect(ports.allSatisfy { (20_000..<32_000).contains($0) })
    }
}
