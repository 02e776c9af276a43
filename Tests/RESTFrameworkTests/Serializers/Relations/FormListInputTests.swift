import RESTTesting
import Testing

@testable import RESTFramework

/// DRF's `ManyRelatedField.get_value`: from a form body (a QueryDict) a to-many related field
/// reads every value of its key, and an absent key is `[]` unless the update is partial. Other
/// fields read the last value; an empty one is null or absent where the field allows it. (The DRF reference: `tags=urgent&tags=nope` is `Object with
/// slug=nope does not exist.`, `tags=` is `Object with slug= does not exist.`)
@Suite struct FormListInputTests {
    final class TaggedSerializer: Serializer {
        override class var fields: [any SerializerField] {
            [
                CharField("title"),
                SlugRelatedField("tags", slugField: "slug", queryset: TagsQueryset(), many: true, required: false),
                DateField("due", required: false, allowNull: true),
                IntegerField("rank", required: false),
                CharField("note", required: false, allowBlank: true),
                BooleanField("done", required: false, default: true),
            ]
        }
    }

    static func validated(_ body: String, contentType: String = "application/x-www-form-urlencoded", partial: Bool = false) throws
        -> TaggedSerializer
    {
        let request = APIRequestFactory().generic(.post, "/", body: body, contentType: contentType)
        request.parsers = APISettings().parserClasses
        let serializer = TaggedSerializer(data: try request.data, partial: partial, context: SerializerContext(request: request))
        _ = try serializer.isValid()
        return serializer
    }

    @Test func aFormGivesEveryValueOfAToManyField() throws {
        let both = try Self.validated("title=a&tags=urgent&tags=backend&title=b")
        #expect(both.validatedData["tags"] == .list([.int(1), .int(2)]) && both.validatedData["title"] == "b")
        #expect(try Self.validated("title=a&tags=urgent&tags=nope").errors == ["tags": ["Object with slug=nope does not exist."]])
        #expect(try Self.validated("title=a&tags=").errors == ["tags": ["Object with slug= does not exist."]])
        // Absent: an empty list (a PUT clears the tags), or nothing on a PATCH.
        #expect(try Self.validated("title=a").validatedData["tags"] == .list([]))
        #expect(try Self.validated("title=a", partial: true).validatedData["tags"] == nil)
        // Forms send no null: an empty value is null for a nullable field, absent for an optional
        // one, unless blank text is allowed.
        let empty = try Self.validated("title=a&due=&rank=&note=")
        #expect(empty.errors == [:] && empty.validatedData["due"] == .null && empty.validatedData["rank"] == nil)
        #expect(empty.validatedData["note"] == "")
        // JSON is read as it is.
        let json = try Self.validated(#"{"title":"a","tags":"urgent"}"#, contentType: "application/json")
        #expect(json.errors == ["tags": ["Expected a list of items but got type \"str\"."]])
    }

    /// DRF's `BooleanField.default_empty_html = False`: an unchecked checkbox sends nothing, and
    /// a form without the key means false (even over a default), or nothing on a PATCH; JSON
    /// without the key takes the default.
    @Test func aBooleanAFormLacksIsFalse() throws {
        #expect(try Self.validated("title=a").validatedData["done"] == .bool(false))
        #expect(try Self.validated("title=a&done=true").validatedData["done"] == .bool(true))
        #expect(try Self.validated("title=a", partial: true).validatedData["done"] == nil)
        #expect(try Self.validated(#"{"title":"a"}"#, contentType: "application/json").validatedData["done"] == .bool(true))
    }
}
