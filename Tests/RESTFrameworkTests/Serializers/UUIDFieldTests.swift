import Testing
@testable import RESTFramework

@Suite struct UUIDFieldTests {
    /// Any case, with or without hyphens, braces, `urn:uuid:`, what `int(text, 16)` reads, and
    /// integers below 2^128 (`true` among them).
    @Test func drfAnswers() throws {
        #expect(try mismatches(UUIDField("id", allowNull: true), DRFFieldCases.uuids) == [])
    }

    @Test func formats() throws {
        #expect(try mismatches(UUIDField("id", format: .hex), DRFFieldCases.uuidHex) == [])
        #expect(try mismatches(UUIDField("id", format: .int), DRFFieldCases.uuidInt) == [])
        #expect(try mismatches(UUIDField("id", format: .urn), DRFFieldCases.uuidURN) == [])
    }

    /// `label_lookup` says `"string"` for a UUIDField.
    @Test func metadata() {
        #expect(
            JSONWriter.renderString(UUIDField("id", readOnly: true).metadataInfo)
                == #"{"type":"string","required":false,"read_only":true,"label":"ID"}"#)
    }
}
