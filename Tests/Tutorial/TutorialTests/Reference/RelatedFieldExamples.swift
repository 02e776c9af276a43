// docs/framework.md, "Related fields and nested serializers": the examples, compiled
// (MarkdownSnippetTests finds them here).
import PostgreSQL
import RESTFramework
import RESTModels

final class AuthorBriefSerializer: Serializer {
    override class var fields: [any SerializerField] {
        [IntegerField("id", readOnly: true), CharField("name", maxLength: 100)]
    }
}

final class IssueDetailSerializer: ModelSerializer<Issue> {
    override class var fields: [any SerializerField] {
        [
            IntegerField("id", readOnly: true),
            CharField("title"),
            HyperlinkedRelatedField(
                "project", viewName: "project-detail",
                queryset: ModelRelatedQueryset(Project.self) { context in
                    Project.objects.filter(.field("lead", .exact(context.request?.user.pk ?? .null)))
                }),
            ReadOnlyField("project_name", source: "project.name"),
            NestedSerializerField("lead", AuthorBriefSerializer.self, source: "project.lead", readOnly: true),
            SlugRelatedField("labels", slugField: "slug", queryset: ModelRelatedQueryset(Label.objects), many: true, required: false),
        ]
    }
}

final class ProjectWithLeadSerializer: ModelSerializer<Project> {
    override class var fields: [any SerializerField] {
        [
            IntegerField("id", readOnly: true),
            CharField("name"),
            NestedSerializerField("lead", AuthorBriefSerializer.self, required: false, allowNull: true),
        ]
    }

    override func create(_ validatedData: ValidatedData) throws -> any FieldReadable {
        var attrs = validatedData
        if let lead = ValidatedData(nested: validatedData["lead"]) {
            let author = try Author.objects.using(context.database).insert(lead)
            attrs["lead"] = .int(author.id)
        }
        return try super.create(attrs)
    }
}
