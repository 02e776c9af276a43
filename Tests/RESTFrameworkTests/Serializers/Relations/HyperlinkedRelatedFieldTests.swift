import Foundation
import Testing

@testable import RESTFramework

/// HyperlinkedRelatedField's input resolved through the URL conf, each case as DRF 3.18 answers
/// it (checked against DRF: `resolve()` of the path of an http(s) URL, any host; a relative
/// path taken as it is).
@Suite struct HyperlinkedRelatedFieldTests {
    let field = HyperlinkedRelatedField("project", viewName: "project-detail", queryset: projectsQueryset)
    let uuid = "a9198266-0e77-4b95-a3dc-5255b120c11c"

    @Test func linksThatResolve() throws {
        let context = try linkContext()
        for link in [
            "http://testserver/api/projects/\(uuid)/", "https://other.example/api/projects/\(uuid)/?a=1",
            "/api/projects/\(uuid)/", "/api/projects/\(uuid).json", "/api/projects/\(uuid.uppercased())/",
            "/api/projects/\(uuid)%2F", "http:/api/projects/\(uuid)/", "http://x/api/projects/\(uuid)/#top",
        ] {
            #expect(try check(field, .string(link), context: context).value == .uuid(apolloID), "\(link)")
        }
    }

    @Test func messages() throws {
        let context = try linkContext()
        let cases: [(JSON, String)] = [
            (.string("/api/projects/\(uuid)/?a=1"), "Invalid hyperlink - No URL match."),
            (.string("api/projects/\(uuid)/"), "Invalid hyperlink - No URL match."),
            ("/nothing/", "Invalid hyperlink - No URL match."),
            (.string("ftp://x/api/projects/\(uuid)/"), "Invalid hyperlink - No URL match."),
            (.string("http://x/api/projects/\(uuid)"), "Invalid hyperlink - No URL match."),
            (.string("HTTP://x/api/projects/\(uuid)/"), "Invalid hyperlink - No URL match."),
            (.string("//host/api/projects/\(uuid)/"), "Invalid hyperlink - No URL match."),
            ("/api/tags/1/", "Invalid hyperlink - Incorrect URL match."),
            ("/api/projects/", "Invalid hyperlink - Incorrect URL match."),
            ("/api/projects/abc/", "“abc” is not a valid UUID."),
            ("/api/projects/00000000-0000-0000-0000-000000000000/", "Invalid hyperlink - Object does not exist."),
            (5, "Incorrect type. Expected URL string, received int."),
            (true, "Incorrect type. Expected URL string, received bool."),
            ([.string(uuid)], "Incorrect type. Expected URL string, received list."),
            ("", "This field may not be null."),
            (.null, "This field may not be null."),
        ]
        for (input, message) in cases {
            #expect(try check(field, input, context: context).messages == [message], "\(input)")
        }
        let many = HyperlinkedRelatedField("links", viewName: "project-detail", queryset: projectsQueryset, many: true)
        #expect(try check(many, "x", context: context).messages == [#"Expected a list of items but got type "str"."#])
        #expect(try check(many, ["/nothing/", 5], context: context).messages == ["Invalid hyperlink - No URL match."])
        #expect(try check(many, [], context: context).value == .list([]))
    }

    /// Output: absolute links as HyperlinkedIdentityField makes them; by pk from the key the row
    /// holds, by another lookup field from the related row.
    @Test func representations() throws {
        let context = try linkContext()
        let tag = RelatedRow(values: ["pk": 1, "slug": "urgent"])
        let task = RelatedRow(values: ["project": .uuid(apolloID), "lead": .null], many: ["tags": [tag]])
        #expect(try field.representation(of: task, context: context) == .string("http://testserver/api/projects/\(uuid)/"))
        let tags = HyperlinkedRelatedField(
            "tags", viewName: "tag-detail", lookupField: "slug", lookupURLKwarg: "pk", many: true, readOnly: true)
        #expect(try tags.representation(of: task, context: context) == ["http://testserver/api/tags/urgent/"])
        let lead = HyperlinkedRelatedField("lead", viewName: "project-detail", readOnly: true)
        #expect(try lead.representation(of: task, context: context) == .null)
        #expect(field.relatedPaths == [] && tags.relatedPaths == ["tags"])
    }
}
