import RESTFramework
import RESTModels
import Testing

/// The fields ModelSerializer makes for relations (DRF's `build_relational_field`,
/// `build_nested_field`), from the relation declarations of RelationModels.swift.
@Suite struct ModelRelatedFieldTests {
    @Test func relationalFieldsFollowTheDeclaration() throws {
        let project = try #require(ProjectTask.relatedField(named: "project") as? PrimaryKeyRelatedField)
        #expect(project.required && !project.allowNull && !project.many && project.queryset != nil)
        let assignee = try #require(ProjectTask.relatedField(named: "assignee") as? PrimaryKeyRelatedField)
        #expect(!assignee.required && assignee.allowNull && !assignee.many)
        let tags = try #require(ProjectTask.relatedField(named: "tags") as? PrimaryKeyRelatedField)
        #expect(!tags.required && !tags.allowNull && tags.many)
        #expect(tags.queryset?.keyType(of: "pk") == .integer && tags.queryset?.keyType(of: "slug") == .text)
        let readOnly = try #require(ProjectTask.relatedField(named: "project", readOnly: true) as? PrimaryKeyRelatedField)
        #expect(readOnly.readOnly && !readOnly.required)
        #expect(ProjectTask.relatedField(named: "title") == nil)
        #expect(UUIDTask.relatedField(named: "project").map { ($0 as? PrimaryKeyRelatedField)?.queryset?.keyType(of: "pk") } == .uuid)
    }

    /// HyperlinkedModelSerializer's relations: the target's `<model name>-detail` route.
    @Test func hyperlinkedFields() throws {
        let project = try #require(ProjectTask.hyperlinkedField(named: "project") as? HyperlinkedRelatedField)
        #expect(project.viewName == "project-detail" && project.lookupField == "pk" && project.required)
        let tags = try #require(ProjectTask.hyperlinkedField(named: "tags") as? HyperlinkedRelatedField)
        #expect(tags.viewName == "tag-detail" && tags.many && !tags.required)
        let tasks = try #require(Project.hyperlinkedField(named: "tasks", readOnly: true) as? HyperlinkedRelatedField)
        #expect(tasks.viewName == "task-detail" && tasks.readOnly)
    }

    @Test func nestedFieldsForDepth() throws {
        let tags = try #require(ProjectTask.nestedField(named: "tags", serializer: LeadBriefSerializer.self) as? NestedSerializerField)
        #expect(tags.many && tags.readOnly)
        let lead = try #require(Project.nestedField(named: "lead", serializer: LeadBriefSerializer.self) as? NestedSerializerField)
        #expect(!lead.many && lead.metadataType == "nested object")
    }
}
