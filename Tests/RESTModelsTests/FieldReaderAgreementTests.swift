import Testing
@testable import RESTFramework
@testable import RESTModels

/// A model's field readers (what serializers read rows through) must read what `fieldValue`
/// reads: every column, `"pk"`, and nothing for a name that is no column.
@Suite struct FieldReaderAgreementTests {
    @Test func readersAgreeWithFieldValue() throws {
        let layout = try #require(Widget.fieldLayout).source
        let created = DateTime(microsecondsSinceEpoch: 1_715_000_000_123_456)
        for widget in [
            Widget(id: 3, name: "gear", ownerID: 7, owner: "alice", created: created),
            Widget(id: 4, name: "", ownerID: nil, owner: nil, created: created),
        ] {
            for name in ["id", "name", "owner_id", "owner", "created", "pk"] {
                let reader = try #require(layout.reader(ofField: name), "\(name)")
                let read = withUnsafePointer(to: widget) { reader(UnsafeRawPointer($0)) }
                #expect(read == widget.fieldValue(name), "\(name)")
            }
        }
        #expect(layout.reader(ofField: "pk") != nil)
        for name in ["", "ownerID", "owner.username", "nope", "ID"] {
            #expect(layout.reader(ofField: name) == nil, "\(name)")
        }
    }
}
