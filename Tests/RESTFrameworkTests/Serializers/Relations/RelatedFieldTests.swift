import Foundation
import Testing

@testable import RESTFramework

/// Related fields' input and output, each message as DRF 3.18 words it (checked against DRF with
/// a uuid-keyed Project, a Tag with a unique slug, and `many=True`).
@Suite struct RelatedFieldTests {
    let project = PrimaryKeyRelatedField("project", queryset: projectsQueryset)
    let tags = PrimaryKeyRelatedField("tags", queryset: TagsQueryset(), many: true)
    let slug = SlugRelatedField("tag", slugField: "slug", queryset: TagsQueryset())
    let slugs = SlugRelatedField("tags", slugField: "slug", queryset: TagsQueryset(), many: true)

    // MARK: PrimaryKeyRelatedField with uuid keys

    /// DRF: Django's `UUIDField.to_python` reads every spelling `uuid.UUID(hex=)` takes, an
    /// integer as `UUID(int=)`.
    @Test(arguments: [
        "a9198266-0e77-4b95-a3dc-5255b120c11c", "A9198266-0E77-4B95-A3DC-5255B120C11C", "a91982660e774b95a3dc5255b120c11c",
        "{a9198266-0e77-4b95-a3dc-5255b120c11c}", "urn:uuid:a9198266-0e77-4b95-a3dc-5255b120c11c",
    ])
    func uuidSpellings(_ text: String) throws {
        #expect(try check(project, .string(text)).value == .uuid(apolloID))
        #expect(try check(project, .bigInt("224771983508112213631465660170866049308")).value == .uuid(apolloID))
    }

    /// DRF: what Django cannot read as a uuid is its own ValidationError, reported as it is; a
    /// bool is DRF's `incorrect_type`; an integer is a uuid no row has.
    @Test func uuidMessages() throws {
        #expect(try check(project, "abc").messages == ["“abc” is not a valid UUID."])
        #expect(try check(project, 7.5).messages == ["“7.5” is not a valid UUID."])
        #expect(try check(project, [1]).messages == ["“[1]” is not a valid UUID."])
        #expect(try check(project, .object(JSONObject())).messages == ["“{}” is not a valid UUID."])
        #expect(try check(project, true).messages == ["Incorrect type. Expected pk value, received bool."])
        #expect(try check(project, 5).messages == [#"Invalid pk "5" - object does not exist."#])
        #expect(
            try check(project, "00000000-0000-0000-0000-000000000000").messages
                == [#"Invalid pk "00000000-0000-0000-0000-000000000000" - object does not exist."#])
        #expect(try check(project, "").messages == ["This field may not be null."])
        #expect(try check(project, .null).messages == ["This field may not be null."])
    }

    // MARK: many

    /// DRF's ManyRelatedField: a list (a dict gives its keys), the first failing item's message,
    /// duplicates kept, `[]` unless `allowEmpty` is false; an item is not "empty means null".
    @Test func manyPrimaryKeys() throws {
        #expect(try check(tags, [1, 1]).value == .list([1, 1]))
        #expect(try check(tags, []).value == .list([]))
        #expect(try check(tags, .object(JSONObject())).value == .list([]))
        #expect(try check(tags, "x").messages == [#"Expected a list of items but got type "str"."#])
        #expect(try check(tags, 5).messages == [#"Expected a list of items but got type "int"."#])
        #expect(try check(tags, [1, 99, "a", true]).messages == [#"Invalid pk "99" - object does not exist."#])
        #expect(try check(tags, [.null]).messages == [#"Invalid pk "None" - object does not exist."#])
        #expect(try check(tags, [""]).messages == ["Incorrect type. Expected pk value, received str."])
        #expect(try check(tags, .null).messages == ["This field may not be null."])
        #expect(try check(tags, nil).messages == ["This field is required."])
        let nonEmpty = PrimaryKeyRelatedField("tags", queryset: TagsQueryset(), many: true, allowEmpty: false)
        #expect(try check(nonEmpty, []).messages == ["This list may not be empty."])
    }

    // MARK: SlugRelatedField

    /// DRF: the value is looked up as the slug column reads it (`str()`), quoted as Python prints it.
    @Test func slugMessages() throws {
        #expect(try check(slug, "urgent").value == 1)
        #expect(try check(slug, "nope").messages == ["Object with slug=nope does not exist."])
        #expect(try check(slug, "URGENT").messages == ["Object with slug=URGENT does not exist."])
        #expect(try check(slug, 5).messages == ["Object with slug=5 does not exist."])
        #expect(try check(slug, true).messages == ["Object with slug=True does not exist."])
        #expect(try check(slug, [1]).messages == ["Object with slug=[1] does not exist."])
        #expect(try check(slug, .object(JSONObject())).messages == ["Object with slug={} does not exist."])
        #expect(try check(slug, "").messages == ["This field may not be null."])
        #expect(try check(slugs, ["urgent", "urgent"]).value == .list([1, 1]))
        #expect(try check(slugs, ["urgent", "nope", 5]).messages == ["Object with slug=nope does not exist."])
        #expect(try check(slugs, "x").messages == [#"Expected a list of items but got type "str"."#])
        let byID = SlugRelatedField("tag", slugField: "id", queryset: TagsQueryset())
        #expect(try check(byID, "abc").messages == ["Invalid value."])
    }

    // MARK: Output

    @Test func representations() throws {
        let urgent = RelatedRow(values: ["pk": 1, "slug": "urgent"])
        let backend = RelatedRow(values: ["pk": 2, "slug": "backend"])
        let task = RelatedRow(values: ["project": .uuid(apolloID)], one: ["assignee": nil], many: ["tags": [backend, urgent]])
        let context = SerializerContext()
        #expect(try tags.representation(of: task, context: context) == [2, 1])
        #expect(try slugs.representation(of: task, context: context) == ["backend", "urgent"])
        #expect(try project.representation(of: task, context: context) == "a9198266-0e77-4b95-a3dc-5255b120c11c")
        let assignee = SlugRelatedField("assignee", slugField: "username", queryset: TagsQueryset(), allowNull: true)
        #expect(try assignee.representation(of: task, context: context) == .null)
        #expect(throws: SerializerConfigurationError.self) { try slug.representation(of: task, context: context) }
        // StringRelatedField: Django's __str__ (CustomStringConvertible), else "<Type> object (pk)".
        let text = StringRelatedField("tags", many: true)
        #expect(try text.representation(of: task, context: context) == ["RelatedRow object (2)", "RelatedRow object (1)"])
        #expect(StringRelatedField.text(of: DescribedTag(name: "Backend")) == "Backend")
    }

    /// DRF's SimpleMetadata: every related field is a `"field"`, many or not, no choices.
    @Test func metadata() throws {
        #expect(
            tags.metadataInfo == .object([("type", "field"), ("required", true), ("read_only", false), ("label", "Tags")]))
        let optional = SlugRelatedField("slugs", slugField: "slug", queryset: TagsQueryset(), many: true, required: false, allowNull: true)
        #expect(
            optional.metadataInfo == .object([("type", "field"), ("required", false), ("read_only", false), ("label", "Slugs")]))
        #expect(
            StringRelatedField("text").metadataInfo
                == .object([("type", "field"), ("required", false), ("read_only", true), ("label", "Text")]))
    }
}
