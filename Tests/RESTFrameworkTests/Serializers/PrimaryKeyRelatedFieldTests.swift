import Testing
@testable import RESTFramework

@Suite struct PrimaryKeyRelatedFieldTests {
    let field = PrimaryKeyRelatedField("user", lookup: usersLookup)

    @Test func acceptsIntegersAndDigitStrings() throws {
        #expect(try check(field, 7).value == 7)
        #expect(try check(field, "7").value == 7)
        #expect(try check(field, " 7 ").value == 7)
        #expect(try check(field, "007").value == 7)
        // Django's int(7.9) is 7.
        #expect(try check(field, 7.9).value == 7)
    }

    @Test(arguments: [
        (JSON.bool(true), "bool"), (.bool(false), "bool"), (.array([7]), "list"), (.object(JSONObject([("pk", 7)])), "dict"),
        (.string("abc"), "str"), (.string("7.0"), "str"), (.string("1e3"), "str"),
    ])
    func incorrectType(_ input: JSON, _ typeName: String) throws {
        #expect(try check(field, input).messages == ["Incorrect type. Expected pk value, received \(typeName)."])
    }

    @Test(arguments: [
        (JSON.int(999), "999"), (.string("999"), "999"), (.string("0999"), "0999"), (.int(-1), "-1"), (.int(0), "0"),
        (.bigInt("99999999999999999999"), "99999999999999999999"), (.string("99999999999999999999"), "99999999999999999999"),
        (.double(7.5e30), "7.5e+30"), (.double(8.0), "8.0"),
    ])
    func doesNotExist(_ input: JSON, _ quoted: String) throws {
        #expect(try check(field, input).messages == ["Invalid pk \"\(quoted)\" - object does not exist."])
    }

    @Test func emptyAndNull() throws {
        #expect(try check(field, "").messages == ["This field may not be null."])
        #expect(try check(field, .null).messages == ["This field may not be null."])
        #expect(try check(field, nil).messages == ["This field is required."])
        let nullable = PrimaryKeyRelatedField("user", lookup: usersLookup, allowNull: true)
        #expect(try check(nullable, "").value == .null)
    }

    @Test func lookupFailuresPropagate() throws {
        struct Outage: Error {}
        let broken = PrimaryKeyRelatedField("user", lookup: RelatedLookupFunction { _, _ in throw Outage() })
        #expect(throws: Outage.self) { try check(broken, 1) }
    }

    @Test func representsThePk() throws {
        let owner = PrimaryKeyRelatedField("owner", readOnly: true)
        #expect(try owner.representation(of: Row(["owner": 3]), context: SerializerContext()) == 3)
        #expect(owner.metadataInfo == .object([("type", "field"), ("required", false), ("read_only", true), ("label", "Owner")]))
    }
}
