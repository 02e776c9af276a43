import RESTFramework
import RESTModels
import Testing

// The Django twins of DepthFixtures.swift's models, and what DRF 3.18.3 (Django 5.2) answered,
// `SimpleMetadata().get_serializer_info(S(context={"request": request}))`, pinned below:
//
//     class Account(models.Model): name = models.CharField(max_length=100)
//     class User(models.Model): username = models.CharField(max_length=150)
//     class Project(models.Model):
//         account = models.ForeignKey(Account, on_delete=models.CASCADE)
//         name = models.CharField(max_length=100)
//         lead = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL)
//     class Tag(models.Model): slug = models.CharField(max_length=50, unique=True)
//     class Task(models.Model):
//         project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="tasks")
//         title = models.CharField(max_length=200)
//         tags = models.ManyToManyField(Tag, blank=True, related_name="tasks")
//
// DRF's repr of TaskDepth2 (`fields = ["id", "project", "title", "tags"]; depth = 2`):
//
//     id = IntegerField(label='ID', read_only=True)
//     project = NestedSerializer(read_only=True):
//         id = IntegerField(label='ID', read_only=True)
//         name = CharField(max_length=100)
//         account = NestedSerializer(read_only=True):
//             id = IntegerField(label='ID', read_only=True)
//             name = CharField(max_length=100)
//         lead = NestedSerializer(read_only=True): ...
//     title = CharField(max_length=200)
//     tags = NestedSerializer(many=True, read_only=True): ...

/// `ModelSerializer.depth` and `HyperlinkedModelSerializer`, as DRF's `build_nested_field`,
/// `build_relational_field` and `get_default_field_names` make them, without a database.
@Suite struct ModelSerializerDepthTests {
    static func metadata(_ type: Serializer.Type) -> String {
        JSONWriter.renderString(type.init().fieldsMetadata)
    }

    static let accountChildren =
        #"{"id":{"type":"integer","required":false,"read_only":true,"label":"ID"},"#
        + #""name":{"type":"string","required":true,"read_only":false,"label":"Name","max_length":100}}"#
    static let userChildren =
        #"{"id":{"type":"integer","required":false,"read_only":true,"label":"ID"},"#
        + #""username":{"type":"string","required":true,"read_only":false,"label":"Username","max_length":150}}"#

    /// DRF: each relation a read-only "nested object" of the target's `__all__` one level less;
    /// the to-many one a "field" whose child is that object.
    @Test func depthTwoNestsEachRelationTwoLevels() {
        #expect(TaskDepth2.configurationProblems == [])
        #expect(
            Self.metadata(TaskDepth2.self)
                == #"{"id":{"type":"integer","required":false,"read_only":true,"label":"ID"},"#
                + #""project":{"type":"nested object","required":false,"read_only":true,"label":"Project","children":{"#
                + #""id":{"type":"integer","required":false,"read_only":true,"label":"ID"},"#
                + #""name":{"type":"string","required":true,"read_only":false,"label":"Name","max_length":100},"#
                + #""account":{"type":"nested object","required":false,"read_only":true,"label":"Account","children":"#
                + Self.accountChildren + "},"
                + #""lead":{"type":"nested object","required":false,"read_only":true,"label":"Lead","children":"#
                + Self.userChildren + "}}},"
                + #""title":{"type":"string","required":true,"read_only":false,"label":"Title","max_length":200},"#
                + #""tags":{"type":"field","required":false,"read_only":true,"label":"Tags","child":{"type":"nested object","#
                + #""required":false,"read_only":true,"children":{"#
                + #""id":{"type":"integer","required":false,"read_only":true,"label":"ID"},"#
                + #""slug":{"type":"string","required":true,"read_only":false,"label":"Slug","max_length":50}}}}}"#)
        // What list and retrieve read with the rows: every nested hop.
        #expect(TaskDepth2.relatedPaths == ["project", "project__account", "project__lead", "tags"])
        let fields = TaskDepth2().fields
        #expect(fields.map { $0 is NestedSerializerField } == [false, true, false, true])
    }

    /// DRF: `fields = "__all__"; depth = 1`: the columns, then the relations, nested; below
    /// them, primary keys again (depth 0).
    @Test func depthOneOfAllFields() {
        #expect(ProjectDepth1.configurationProblems == [])
        #expect(
            Self.metadata(ProjectDepth1.self)
                == #"{"id":{"type":"integer","required":false,"read_only":true,"label":"ID"},"#
                + #""name":{"type":"string","required":true,"read_only":false,"label":"Name","max_length":100},"#
                + #""account":{"type":"nested object","required":false,"read_only":true,"label":"Account","children":"#
                + Self.accountChildren + "},"
                + #""lead":{"type":"nested object","required":false,"read_only":true,"label":"Lead","children":"#
                + Self.userChildren + "}}")
        #expect(ProjectDepth1.relatedPaths == ["account", "lead"])
    }

    /// DRF's HyperlinkedModelSerializer with `"__all__"`: `url` instead of `id`, first; the
    /// relations `HyperlinkedRelatedField`s to `<model>-detail`, required and nullable as the key.
    @Test func hyperlinkedModelSerializerLinksInsteadOfKeys() throws {
        #expect(ProjectLinks.configurationProblems == [])
        #expect(
            Self.metadata(ProjectLinks.self)
                == #"{"url":{"type":"field","required":false,"read_only":true,"label":"Url"},"#
                + #""name":{"type":"string","required":true,"read_only":false,"label":"Name","max_length":100},"#
                + #""account":{"type":"field","required":true,"read_only":false,"label":"Account"},"#
                + #""lead":{"type":"field","required":false,"read_only":false,"label":"Lead"}}"#)
        let fields = ProjectLinks().fields
        #expect((fields[0] as? HyperlinkedIdentityField)?.viewName == "project-detail")
        let account = try #require(fields[2] as? HyperlinkedRelatedField)
        #expect(account.viewName == "account-detail")
        #expect(account.queryset != nil)
        let lead = try #require(fields[3] as? HyperlinkedRelatedField)
        #expect(lead.viewName == "user-detail")
        #expect(lead.allowNull)
    }

    /// DRF: with `depth = 1` the nested serializers are hyperlinked ones too: `url` first.
    @Test func hyperlinkedDepthNestsHyperlinkedSerializers() {
        #expect(ProjectLinksDepth1.configurationProblems == [])
        #expect(
            Self.metadata(ProjectLinksDepth1.self)
                == #"{"url":{"type":"field","required":false,"read_only":true,"label":"Url"},"#
                + #""name":{"type":"string","required":true,"read_only":false,"label":"Name","max_length":100},"#
                + #""account":{"type":"nested object","required":false,"read_only":true,"label":"Account","children":{"#
                + #""url":{"type":"field","required":false,"read_only":true,"label":"Url"},"#
                + #""name":{"type":"string","required":true,"read_only":false,"label":"Name","max_length":100}}},"#
                + #""lead":{"type":"nested object","required":false,"read_only":true,"label":"Lead","children":{"#
                + #""url":{"type":"field","required":false,"read_only":true,"label":"Url"},"#
                + #""username":{"type":"string","required":true,"read_only":false,"label":"Username","max_length":150}}}}"#)
    }

    /// DRF asserts `depth >= 0` and `depth <= 10` ("'depth' may not be greater than 10."): a
    /// configuration problem here, the depth kept at the bound.
    @Test func depthOutOfDRFsBoundsIsAProblem() {
        #expect(ProjectDepth11.configurationProblems == ["'depth' may not be greater than 10."])
        #expect(ProjectDepthNegative.configurationProblems == ["'depth' may not be negative."])
        #expect(!(ProjectDepthNegative().fields[2] is NestedSerializerField))
    }
}
