import Foundation
import Testing

@testable import RESTFramework

final class LeadSerializer: Serializer {
    override class var fields: [any SerializerField] {
        [IntegerField("id", readOnly: true), CharField("username", maxLength: 150)]
    }
}

final class NestingSerializer: Serializer {
    override class var fields: [any SerializerField] {
        [
            CharField("name"),
            NestedSerializerField("lead", LeadSerializer.self, readOnly: true),
            NestedSerializerField("members", LeadSerializer.self, many: true, readOnly: true),
            ReadOnlyField("account_name", source: "account.name"),
            SlugRelatedField("tags", slugField: "slug", queryset: TagsQueryset(), many: true, required: false),
        ]
    }
}

/// Serializers as fields: output from the related rows, input validated by the nested
/// serializer, OPTIONS as DRF's SimpleMetadata shows them (checked against DRF 3.18).
@Suite struct NestedSerializerFieldTests {
    @Test func rendersTheRelatedRows() throws {
        let ada = RelatedRow(values: ["id": 3, "username": "ada"])
        let alan = RelatedRow(values: ["id": 4, "username": "alan"])
        let project = RelatedRow(
            values: ["name": "Apollo", "account.name": "Acme"], one: ["lead": ada], many: ["members": [ada, alan], "tags": []])
        let json = try NestingSerializer(instance: project).data
        #expect(
            JSONWriter.renderString(json)
                == #"{"name":"Apollo","lead":{"id":3,"username":"ada"},"members":[{"id":3,"username":"ada"},{"id":4,"username":"alan"}],"account_name":"Acme","tags":[]}"#
        )
        let leaderless = RelatedRow(values: ["name": "B", "account.name": "G"], one: ["lead": nil], many: ["members": [], "tags": []])
        #expect(try NestingSerializer(instance: leaderless).data.objectValue?["lead"] == .null)
    }

    /// The paths a list view fetches for the page: relations of nested, related and dotted fields.
    @Test func statesWhatItReadsAcrossRelations() {
        #expect(NestingSerializer.relatedPaths == ["lead", "members", "account", "tags"])
    }

    /// Writable: the nested serializer's errors under the field's name; its validated data as JSON.
    @Test func writableNestedInput() throws {
        let field = NestedSerializerField("lead", LeadSerializer.self, allowNull: true)
        #expect(
            try check(field, .object(JSONObject([("username", "ada")]))).value == .jsonValue(.object(JSONObject([("username", "ada")]))))
        #expect(try check(field, .object(JSONObject())) == .failure(FieldErrors(json: ["username": ["This field is required."]])))
        #expect(try check(field, .null).value == .null)
        let many = NestedSerializerField("leads", LeadSerializer.self, many: true)
        #expect(
            try check(many, "x") == .failure(FieldErrors(json: ["non_field_errors": [#"Expected a list of items but got type "str"."#]])))
    }

    @Test func metadataHasChildren() throws {
        let info = NestingSerializer().fieldsMetadata
        let children: JSON = .object([
            ("id", .object([("type", "integer"), ("required", false), ("read_only", true), ("label", "ID")])),
            (
                "username",
                .object([("type", "string"), ("required", true), ("read_only", false), ("label", "Username"), ("max_length", 150)])
            ),
        ])
        #expect(
            info.objectValue?["lead"]
                == .object([("type", "nested object"), ("required", false), ("read_only", true), ("label", "Lead"), ("children", children)])
        )
        #expect(
            info.objectValue?["members"]
                == .object([
                    ("type", "field"), ("required", false), ("read_only", true), ("label", "Members"),
                    ("child", .object([("type", "nested object"), ("required", false), ("read_only", true), ("children", children)])),
                ]))
    }
}
