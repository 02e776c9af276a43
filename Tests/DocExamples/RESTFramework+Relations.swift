// The `///` examples of Sources/RESTFramework/Serializers/Relations (and the related fields'
// model side), compiled (DocCommentExampleTests finds them here).
import PostgreSQL
@testable import RESTFramework
@testable import RESTModels

// `Tag` is RESTModels+Models.swift's.
extension Tag: CustomStringConvertible { var description: String { name } }

enum RelatedFieldDocs {
    typealias Issue = RelationDocs.Issue
    typealias Project = RelationDocs.Project

    /// The accounts where the user is an admin member.
    static func adminAccounts(of user: FieldValue?) -> ModelSubquery {
        AccountMember.objects.filter(.field("user_id", .exact(user ?? .null))).filter(.field("is_admin", .exact(true))).values("account_id")
    }
    static func adminProjects(_ context: SerializerContext) -> QuerySet<Project> {
        Project.objects.filter(.inSubquery("account", adminAccounts(of: context.request?.user.pk)))
    }

    final class TagSerializer: Serializer {
        override class var fields: [any SerializerField] { [CharField("slug"), CharField("name")] }
    }

    final class ProjectSerializer: Serializer {
        override class var fields: [any SerializerField] {
            [CharField("name"), PrimaryKeyRelatedField("account", queryset: ModelRelatedQueryset(Account.self)),
             NestedSerializerField("lead", BriefUserSerializer.self, readOnly: true, allowNull: true)]
        }
    }

    struct TagSlugs: RelatedQueryset {
        let slugs: [String: Int64] = ["backend": 1, "urgent": 2]
        func keyType(of field: String) -> RelatedKeyType { field == "slug" ? .text : .integer }
        func primaryKey(where field: String, equals value: FieldValue, context: SerializerContext) throws -> FieldValue? {
            value.stringValue.flatMap { slugs[$0] }.map(FieldValue.int)
        }
    }

    struct TagChoices: ListableRelatedQueryset {
        func keyType(of field: String) -> RelatedKeyType { .text }
        func primaryKey(where field: String, equals value: FieldValue, context: SerializerContext) throws -> FieldValue? { nil }
        func candidates(limit: Int, context: SerializerContext) throws -> [any FieldReadable] { [] }
    }

    static func fields() {
        PrimaryKeyRelatedField("account", queryset: ModelRelatedQueryset(Account.self) { context in
            Account.objects.filter(.inSubquery("pk", adminAccounts(of: context.request?.user.pk)))
        })
        PrimaryKeyRelatedField("tags", queryset: ModelRelatedQueryset(Tag.objects), many: true)
        PrimaryKeyRelatedField("owner", readOnly: true)

        HyperlinkedRelatedField("project", viewName: "project-detail",
                                queryset: ModelRelatedQueryset(Project.self) { context in adminProjects(context) })
        HyperlinkedRelatedField("tags", viewName: "tag-detail", lookupField: "slug", many: true, readOnly: true)

        SlugRelatedField("tags", slugField: "slug", queryset: ModelRelatedQueryset(Tag.objects), many: true)

        SlugRelatedField("assignee", slugField: "username",
                         queryset: ModelRelatedQueryset(User.objects.filter(.field("is_active", .exact(true)))),
                         required: false, allowNull: true)
        SlugRelatedField("tags", slugField: "slug", queryset: ModelRelatedQueryset(Tag.objects), many: true, required: false)

        StringRelatedField("tags", many: true)      // ["Backend", "Urgent"]

        SlugRelatedField("tag", slugField: "slug", queryset: RelatedQuerysetFunction(keyType: .text) { field, value, _ in
            value == "backend" ? .int(1) : FieldValue?.none   // (a bare `nil` here would be `.null`)
        })

        ProjectSerializer.relatedPaths    // ["account", "lead"]

        ModelRelatedQueryset(Tag.objects)
        ModelRelatedQueryset(User.objects.filter(.field("is_active", .exact(true))))
        // Only accounts where the requesting user is an admin member:
        ModelRelatedQueryset(Account.self) { context in
            Account.objects.filter(.inSubquery("pk", adminAccounts(of: context.request?.user.pk)))
        }

        Issue.objects.withRelated(["project__account", "assignee", "labels"])
        // = .selectRelated("project__account", "assignee").prefetchRelated("labels")
    }

    static func nested() {
        final class LeadSerializer: Serializer {
            override class var fields: [any SerializerField] { [IntegerField("id", readOnly: true), CharField("username")] }
        }
        NestedSerializerField("lead", LeadSerializer.self, readOnly: true, allowNull: true)   // {"id":3,"username":"ada"} or null
        NestedSerializerField("tags", TagSerializer.self, many: true, readOnly: true)
    }

    enum Authors {
        static func insert(_ attrs: ValidatedData) throws {}
    }

    static func saving(_ validatedData: ValidatedData) throws {
        if let lead = ValidatedData(nested: validatedData["lead"]) { try Authors.insert(lead) }
    }

    static func reading(_ task: any FieldReadable, _ context: SerializerContext, urls: URLConf) throws {
        switch try task.relatedInstances("tags", context: context) {
        case .many(let tags)?: print(tags.count)
        case .one(let project)?: print(project?.fieldValue("name") ?? .null)
        case nil: print("no such relation")
        }

        urls.match(path: "/api/users/3/")   // ("user-detail", ["pk": "3"])
    }
}

extension RelatedFieldDocs {
    static func modelFields() {
        Issue.relatedField(named: "assignee")    // PrimaryKeyRelatedField("assignee", ..., required: false, allowNull: true)
        Issue.nestedField(named: "assignee", serializer: BriefUserSerializer.self)
        Issue.hyperlinkedField(named: "project")   // viewName "project-detail"
    }
}
