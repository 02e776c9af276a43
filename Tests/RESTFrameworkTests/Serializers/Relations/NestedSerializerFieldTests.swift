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

/// Counts the instances made and keeps a weak reference to the last one, for the test of one
/// child serializer per rendering (a test's own class: no state shared with other tests).
final class CountedLeadSerializer: Serializer {
    nonisolated(unsafe) static var made = 0
    nonisolated(unsafe) static weak var last: CountedLeadSerializer?
    required init(
        instance: (any FieldReadable)? = nil, data: JSON? = nil, partial: Bool = false, context: SerializerContext = SerializerContext()
    ) {
        super.init(instance: instance, data: data, partial: partial, context: context)
        Self.made += 1
        Self.last = self
    }
    override class var fields: [any SerializerField] { [IntegerField("id", readOnly: true), CharField("username")] }
}

final class CountedNestingSerializer: Serializer {
    override class var fields: [any SerializerField] {
        [
            CharField("name"), NestedSerializerField("lead", CountedLeadSerializer.self, readOnly: true, allowNull: true),
            NestedSerializerField("members", CountedLeadSerializer.self, many: true, readOnly: true),
        ]
    }
}

/// Serializers as fields: output from the related rows, input validated by the nested
/// serializer, OPTIONS as DRF's SimpleMetadata shows them (checked against DRF 3.18).
@Suite struct NestedSerializerFieldTests {
    /// A list makes one child serializer for all its rows (as DRF binds one to the field), not
    /// one per row; the child is freed with the list (no cycle through the context).
    @Test func aListMakesOneChildSerializerForAllItsRows() throws {
        let ada = RelatedRow(values: ["id": 3, "username": "ada"])
        let alan = RelatedRow(values: ["id": 4, "username": "alan"])
        let rows = (0..<5).map { n in
            RelatedRow(values: ["name": .string("P\(n)")], one: ["lead": n == 2 ? nil : ada], many: ["members": [ada, alan]])
        }
        CountedLeadSerializer.made = 0
        try {
            let list = CountedNestingSerializer.many(instances: rows)
            let json = JSONWriter.renderString(try list.data)
            #expect(
                json.hasPrefix(
                    #"[{"name":"P0","lead":{"id":3,"username":"ada"},"members":[{"id":3,"username":"ada"},{"id":4,"username":"alan"}]}"#))
            #expect(json.contains(#"{"name":"P2","lead":null,"#))
            #expect(CountedLeadSerializer.made == 1, "child serializers made for 5 rows: \(CountedLeadSerializer.made)")
        }()
        #expect(CountedLeadSerializer.last == nil, "the child serializer outlived its list")
    }

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
