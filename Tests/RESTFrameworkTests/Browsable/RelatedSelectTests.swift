import Testing

@testable import RESTFramework

/// DRF's related fields in the browsable API's HTML form: `iter_options` over
/// `queryset[:html_cutoff]` (the option value as the field writes the row, the text its
/// `str()`), "More than N items..." once the rows reach the cutoff, and the select's markup.
struct RelatedSelectTests {
    /// A tag whose `str()` is markup, to be escaped.
    struct NamedTag: FieldReadable, CustomStringConvertible {
        let number: Int
        func fieldValue(_ name: String) -> FieldValue? {
            name == "pk" ? .int(Int64(number)) : name == "slug" ? .string("t\(number)") : nil
        }
        var description: String { "<b>\(number)" }
    }

    /// `count` tags, slugs `t1`, `t2`, ...; `limit` honoured as `queryset[:limit]`.
    struct ListedTags: ListableRelatedQueryset {
        let count: Int
        func keyType(of field: String) -> RelatedKeyType { .text }
        func primaryKey(where field: String, equals value: FieldValue, context: SerializerContext) throws -> FieldValue? { nil }
        func candidates(limit: Int, context: SerializerContext) throws -> [any FieldReadable] {
            (1...max(count, 1)).prefix(count).prefix(limit).map { NamedTag(number: $0) }
        }
    }

    @Test func theRowsUpToTheCutoffThenDRFsCutoffText() throws {
        let field = SlugRelatedField("tag", slugField: "slug", queryset: ListedTags(count: 3), allowNull: true)
        let all = try #require(
            try RelatedChoices.of(field, cutoff: 5, cutoffText: "More than {count} items...", context: SerializerContext()))
        #expect(all.options.map(\.value) == ["t1", "t2", "t3"])
        #expect(all.cutoffText == nil && all.allowNull && !all.many)
        let cut = try #require(
            try RelatedChoices.of(field, cutoff: 3, cutoffText: "More than {count} items...", context: SerializerContext()))
        #expect(cut.options.count == 3)
        #expect(cut.cutoffText == "More than 3 items...")
        // Read-only fields, and querysets that cannot list rows, stay text inputs.
        #expect(
            try RelatedChoices.of(
                SlugRelatedField("tag", slugField: "slug", queryset: nil, readOnly: true), cutoff: 5,
                cutoffText: "", context: SerializerContext()) == nil)
        #expect(
            try RelatedChoices.of(
                SlugRelatedField("tag", slugField: "slug", queryset: TagsQueryset()), cutoff: 5,
                cutoffText: "", context: SerializerContext()) == nil)
        #expect(BrowsableAPIRenderer().htmlCutoff == 1000 && BrowsableAPIRenderer().htmlCutoffText == "More than {count} items...")
    }

    @Test func aSelectWithTheValueSelectedTheTextEscapedAndTheCutoffDisabled() throws {
        let field = PrimaryKeyRelatedField("tag", queryset: ListedTags(count: 2), allowNull: true)
        let choices = try #require(
            try RelatedChoices.of(field, cutoff: 2, cutoffText: "More than {count} items...", context: SerializerContext()))
        var html = HTMLWriter()
        BrowsableForms.writeRelatedSelect(choices, attributes: [("id", "put-tag"), ("name", "tag")], value: .int(2), into: &html)
        #expect(
            html.string
                == #"<select id="put-tag" name="tag"><option value="">---------</option>"#
                + #"<option value="1">&lt;b&gt;1</option><option value="2" selected="selected">&lt;b&gt;2</option>"#
                + #"<option value="n/a" disabled="disabled">More than 2 items...</option></select>"#)
        // many: a multiple select, never required, each current value selected.
        let many = PrimaryKeyRelatedField("tags", queryset: ListedTags(count: 3), many: true)
        let manyChoices = try #require(try RelatedChoices.of(many, cutoff: 10, cutoffText: "", context: SerializerContext()))
        var multiple = HTMLWriter()
        BrowsableForms.writeRelatedSelect(
            manyChoices, attributes: [("name", "tags"), ("required", "required")], value: [1, 3], into: &multiple)
        #expect(multiple.string.hasPrefix(#"<select name="tags" multiple="multiple"><option value="1" selected="selected">"#))
        #expect(multiple.string.contains(#"<option value="2">&lt;b&gt;2</option><option value="3" selected="selected">"#))
        // No rows: DRF's "No items to select.", the select disabled.
        let none = try #require(
            try RelatedChoices.of(
                PrimaryKeyRelatedField("tags", queryset: ListedTags(count: 0), many: true), cutoff: 10,
                cutoffText: "", context: SerializerContext()))
        var empty = HTMLWriter()
        BrowsableForms.writeRelatedSelect(none, attributes: [("name", "tags")], value: nil, into: &empty)
        #expect(
            empty.string == #"<select name="tags" multiple="multiple" disabled="disabled"><option>No items to select.</option></select>"#)
    }
}
