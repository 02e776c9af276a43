import RESTFramework
import RESTModels
import Testing

// The Django twins of ShapedProject and ShapedTag (InferenceFixtures.swift), whose serializers
// DRF 3.18.3 with Django 5.2 on the PostgreSQL backend described as pinned below:
//
//     class Project(models.Model):
//         class Status(models.TextChoices): PLANNED = "planned"; ACTIVE = "active"; DONE = "done"
//         account = models.ForeignKey(Account, on_delete=models.CASCADE)
//         name = models.CharField(max_length=100)
//         lead = models.ForeignKey(User, null=True, on_delete=models.SET_NULL)
//         status = models.CharField(max_length=10, choices=Status.choices, default="planned")
//         note = models.TextField(blank=True, default="")
//         priority = models.SmallIntegerField(default=2)
//         hours = models.IntegerField(null=True)
//         done = models.BooleanField(default=False)
//         date_joined = models.DateTimeField(auto_now_add=True)
//         updated = models.DateTimeField(default=timezone.now)
//         class Meta: unique_together = [("account", "name")]
//
//     class Tag(models.Model):
//         slug = models.CharField(max_length=50, unique=True)
//         name = models.CharField(max_length=100)

/// ModelSerializer's inference without a database: the fields, their order and OPTIONS, as DRF's
/// `get_fields` makes them, and the configuration mistakes it reports.
@Suite struct ModelSerializerInferenceTests {
    static func metadata(_ type: Serializer.Type) -> String {
        JSONWriter.renderString(type.init().fieldsMetadata)
    }

    /// DRF: `SimpleMetadata().get_serializer_info(S())` of `exclude = ["status"]`: the primary
    /// key, the columns in order, then the foreign keys; the integer limits of smallint and
    /// integer; a non-editable column read-only; defaults and nulls make fields optional.
    @Test func allFieldsAreDRFsInItsOrderAndOptions() {
        #expect(AllProjectFields.configurationProblems == [])
        #expect(
            Self.metadata(AllProjectFields.self)
                == #"{"id":{"type":"integer","required":false,"read_only":true,"label":"ID"},"#
                + #""name":{"type":"string","required":true,"read_only":false,"label":"Name","max_length":100},"#
                + #""note":{"type":"string","required":false,"read_only":false,"label":"Note"},"#
                + #""priority":{"type":"integer","required":false,"read_only":false,"label":"Priority","min_value":-32768,"max_value":32767},"#
                + #""hours":{"type":"integer","required":false,"read_only":false,"label":"Hours","min_value":-2147483648,"max_value":2147483647},"#
                + #""done":{"type":"boolean","required":false,"read_only":false,"label":"Done"},"#
                + #""date_joined":{"type":"datetime","required":false,"read_only":true,"label":"Date joined"},"#
                + #""updated":{"type":"datetime","required":false,"read_only":false,"label":"Updated"},"#
                + #""account":{"type":"field","required":true,"read_only":false,"label":"Account"},"#
                + #""lead":{"type":"field","required":false,"read_only":false,"label":"Lead"}}"#)
    }

    /// DRF: `fields = ["id", "account", "name", "lead"]`, in that order.
    @Test func namedFieldsKeepTheirOrder() {
        #expect(
            Self.metadata(ProjectWrites.self)
                == #"{"id":{"type":"integer","required":false,"read_only":true,"label":"ID"},"#
                + #""account":{"type":"field","required":true,"read_only":false,"label":"Account"},"#
                + #""name":{"type":"string","required":true,"read_only":false,"label":"Name","max_length":100},"#
                + #""lead":{"type":"field","required":false,"read_only":false,"label":"Lead"}}"#)
        let fields = ProjectWrites().fields
        // The keys are read and written through their columns; a nullable key allows null.
        #expect(fields.map(\.source) == ["id", "account_id", "name", "lead_id"])
        #expect(fields.map(\.allowNull) == [false, false, false, true])
    }

    /// DRF: `slug = CharField(max_length=50, validators=[<UniqueValidator(queryset=Tag.objects.all())>])`,
    /// whose message is Django's "tag with this slug already exists." (checked on PostgreSQL in
    /// ModelSerializerUniqueTogetherTests).
    @Test func aUniqueColumnGetsAUniqueValidator() throws {
        #expect(
            Self.metadata(TagFields.self)
                == #"{"id":{"type":"integer","required":false,"read_only":true,"label":"ID"},"#
                + #""slug":{"type":"string","required":true,"read_only":false,"label":"Slug","max_length":50},"#
                + #""name":{"type":"string","required":true,"read_only":false,"label":"Name","max_length":100}}"#)
        let slug = try #require(TagFields().fields.first { $0.name == "slug" })
        let unique = try #require(slug.validators.compactMap { $0 as? UniqueValidator<ShapedTag> }.first)
        #expect(unique.message == "tag with this slug already exists.")
        #expect(TagFields().fields.first { $0.name == "name" }?.validators.contains { $0 is UniqueValidator<ShapedTag> } == false)
    }

    /// DRF, for `fields = ["url", "id", "account", "account_name", "name", "done", "hours"]`,
    /// `account_name = ReadOnlyField(source="account.name")` declared, `read_only_fields =
    /// ["done"]`, `extra_kwargs = {"name": {"min_length": 3}, "hours": {"required": True,
    /// "max_value": 40}}`.
    @Test func declaredFieldsReadOnlyFieldsAndExtraKwargs() {
        #expect(Adjusted.configurationProblems == [])
        #expect(
            Self.metadata(Adjusted.self)
                == #"{"url":{"type":"field","required":false,"read_only":true,"label":"Url"},"#
                + #""id":{"type":"integer","required":false,"read_only":true,"label":"ID"},"#
                + #""account":{"type":"field","required":true,"read_only":false,"label":"Account"},"#
                + #""account_name":{"type":"field","required":false,"read_only":true,"label":"Account name"},"#
                + #""name":{"type":"string","required":true,"read_only":false,"label":"Name","min_length":3,"max_length":100},"#
                + #""done":{"type":"boolean","required":false,"read_only":true,"label":"Done"},"#
                + #""hours":{"type":"integer","required":true,"read_only":false,"label":"Hours","min_value":-2147483648,"max_value":40}}"#)
        let url = Adjusted().fields.first { $0.name == "url" } as? HyperlinkedIdentityField
        #expect(url?.viewName == "project-detail")
        #expect(Adjusted().fields.first { $0.name == "account_name" }?.source == "account.name")
    }

    /// DRF makes `ChoiceField(choices=[...], required=False)` of `status` (a default; no
    /// max_length, a ChoiceField takes none); its OPTIONS, and its message for a value that is
    /// not a choice.
    @Test func aColumnWithChoicesIsAChoiceField() throws {
        #expect(ChoicesOnly.configurationProblems == [])
        #expect(
            Self.metadata(ChoicesOnly.self)
                == #"{"status":{"type":"choice","required":false,"read_only":false,"label":"Status","choices":["#
                + #"{"value":"planned","display_name":"Planned"},{"value":"active","display_name":"Active"},"#
                + #"{"value":"done","display_name":"Done"}]}}"#)
        let valid = ChoicesOnly(data: ["status": "done"])
        #expect(try valid.isValid())
        #expect(valid.validatedData["status"] == "done")
        let invalid = ChoicesOnly(data: ["status": "x"])
        #expect(try !invalid.isValid())
        #expect(JSONWriter.renderString(invalid.errors) == #"{"status":["\"x\" is not a valid choice."]}"#)
    }

    /// DRF's assertions and `ImproperlyConfigured`, as problems that name the fix.
    @Test func mistakesAreReportedWithTheirFix() {
        #expect(
            Mistaken.configurationProblems == [
                "The field 'extra' was declared on serializer Mistaken, but has not been included in the 'fields' option.",
                "Field name `nmae` is not valid for model `Project` in `Mistaken`.",
            ])
        #expect(
            MistakenExclude.configurationProblems == [
                "The field 'nope' was included on serializer MistakenExclude in the 'exclude' option, but does not match any model field."
            ])
        // A serializer declaring every field itself (no `modelFields`) infers nothing.
        #expect(ExplicitOnly().fields.map(\.name) == ["name"])
    }

    /// DRF's `get_unique_together_validators`: one validator, named by the serializer's fields;
    /// none when the serializer does not write every field of the set.
    @Test func uniqueTogetherValidatorsFollowTheWritableFields() {
        let validators = ProjectWrites.validators.compactMap { $0 as? UniqueTogetherValidator<ShapedProject> }
        #expect(validators.map(\.fields) == [["account", "name"]])
        #expect(validators.first?.message == "The fields {field_names} must make a unique set.")
        #expect(TagFields.validators.isEmpty)
        #expect(NameOnly.validators.isEmpty)
    }

    /// DRF's `get_uniqueness_extra_kwargs`: a field of a unique-together set is required even
    /// when the column would make it optional, unless it has a default; `extraKwargs` still win.
    @Test func uniqueTogetherFieldsBecomeRequired() {
        let fields = UniqueTogetherOptional().fields
        #expect(fields.first { $0.name == "name" }?.required == false)  // extra_kwargs required=False wins
        #expect(fields.first { $0.name == "account" }?.required == true)
        #expect(UniqueTogetherOptional.configurationProblems == [])
    }

    /// DRF's `get_uniqueness_extra_kwargs` (3.18.3, checked): in `unique_together = [("room",
    /// "label")]`, the nullable `room = IntegerField(null=True)` becomes `IntegerField(allow_null=True,
    /// default=None, ..., required=False)` and `label = CharField(max_length=20, blank=True)`
    /// becomes `CharField(allow_blank=True, default='', max_length=20, required=False)`; a plain
    /// column of the set is required (`account`, above).
    @Test func uniqueTogetherGivesDefaultsToBlankAndNull() throws {
        let fields = SlotSerializer().fields
        let label = try #require(fields.first { $0.name == "label" } as? CharField)
        #expect(!label.required && label.allowBlank && label.maxLength == 20)
        let room = try #require(fields.first { $0.name == "room" })
        #expect(!room.required && room.allowNull)
        guard case .value(let roomDefault)? = room.options.defaultValue, case .value(let labelDefault)? = label.options.defaultValue
        else {
            Issue.record("room or label has no default")
            return
        }
        #expect(roomDefault == .null && labelDefault == "")
        // Without the set, DRF's get_field_kwargs alone: both optional, no default.
        let plain = PlainSlotSerializer().fields
        #expect(plain.map(\.required) == [false, false] && plain.allSatisfy { $0.options.defaultValue == nil })
    }

    /// A `references:` column without a declared relation: `owner` (DRF's field for the
    /// `owner` foreign key) reads `owner_id`, read-only only (no model to look a written key up
    /// in); an annotation named like the key without `_id` (`author` beside `author_id`, the
    /// reference notes' author's username) is that annotation, a ReadOnlyField.
    @Test func referencesColumnsAndAnnotationsBesideThem() {
        #expect(NoteLikeSerializer.configurationProblems == [])
        let fields = NoteLikeSerializer().fields
        #expect(fields.map(\.source) == ["owner_id", "author"])
        #expect(fields[0] is PrimaryKeyRelatedField && fields[0].readOnly)
        #expect(fields[1] is ReadOnlyField)
        #expect(
            WritableOwnerSerializer.configurationProblems == [
                "Field `owner` of WritableOwnerSerializer is the foreign key owner_id of NoteLike without a declared relation: "
                    + "declare `.foreignKey(\"owner\", ...)` in NoteLike.relations, or make the field read-only."
            ])
    }

    /// Django's verbose names: the column's words ("date joined" → "Date joined" is the default
    /// label, so none is passed), or the declared one (`verbose_name="kick-off"` → "Kick-off").
    @Test func labelsComeFromVerboseNames() {
        #expect(VerboseSerializer().fields.map(\.label) == ["ID", "Kick-off", "Date joined"])
    }
}

final class Adjusted: ModelSerializer<ShapedProject> {
    override class var modelFields: ModelFieldSelection? { ["url", "id", "account", "account_name", "name", "done", "hours"] }
    override class var readOnlyFields: [String] { ["done"] }
    override class var extraKwargs: [String: ExtraKwargs] {
        ["name": ExtraKwargs(minLength: 3), "hours": ExtraKwargs(required: true, maxValue: .int(40))]
    }
    override class var declaredFields: [any SerializerField] { [ReadOnlyField("account_name", source: "account.name")] }
}

final class ChoicesOnly: ModelSerializer<ShapedProject> {
    override class var modelFields: ModelFieldSelection? { ["status"] }
}

final class Mistaken: ModelSerializer<ShapedProject> {
    override class var modelFields: ModelFieldSelection? { ["id", "nmae"] }
    override class var declaredFields: [any SerializerField] { [ReadOnlyField("extra")] }
}

final class MistakenExclude: ModelSerializer<ShapedProject> {
    override class var modelFields: ModelFieldSelection? { .exclude(["status", "nope"]) }
}

final class ExplicitOnly: ModelSerializer<ShapedProject> {
    override class var fields: [any SerializerField] { [CharField("name")] }
}

final class NameOnly: ModelSerializer<ShapedProject> {
    override class var modelFields: ModelFieldSelection? { ["name"] }
}

final class UniqueTogetherOptional: ModelSerializer<ShapedProject> {
    override class var modelFields: ModelFieldSelection? { ["account", "name"] }
    override class var extraKwargs: [String: ExtraKwargs] { ["name": ExtraKwargs(required: false)] }
}

struct VerboseEvent: Model {
    var id: Int64
    var startsAt: DateTime
    var dateJoined: DateTime

    static let tableName = "events"
    static let fields = Fields(
        VerboseEvent.init, Field("id", \.id), Field("starts_at", \.startsAt, .verboseName("kick-off")),
        Field("date_joined", \.dateJoined))
}

final class VerboseSerializer: ModelSerializer<VerboseEvent> {
    override class var modelFields: ModelFieldSelection? { .all }
}

struct Slot: Model {
    var id: Int64
    var room: Int32?
    var label: String

    static let tableName = "slots"
    static let fields = Fields(Slot.init, Field("id", \.id), Field("room", \.room), Field("label", \.label, .maxLength(20), .blank))
    static let uniqueTogether = [["room", "label"]]
}

struct PlainSlot: Model {
    var id: Int64
    var room: Int32?
    var label: String

    static let tableName = "slots"
    static let fields = Fields(
        PlainSlot.init, Field("id", \.id), Field("room", \.room), Field("label", \.label, .maxLength(20), .blank))
}

final class SlotSerializer: ModelSerializer<Slot> {
    override class var modelFields: ModelFieldSelection? { ["room", "label"] }
}

final class PlainSlotSerializer: ModelSerializer<PlainSlot> {
    override class var modelFields: ModelFieldSelection? { ["room", "label"] }
}

struct NoteLike: Model {
    var id: Int64
    var ownerID: Int64
    var authorID: Int64
    var author: String

    static let tableName = "note_likes"
    static let fields = Fields(
        NoteLike.init, Field("id", \.id), Field("owner_id", \.ownerID, references: "users"),
        Field("author_id", \.authorID, references: "users"),
        .annotation("author", \.author, sql: "SELECT username FROM users WHERE users.id = note_likes.author_id"))
}

final class NoteLikeSerializer: ModelSerializer<NoteLike> {
    override class var modelFields: ModelFieldSelection? { ["owner", "author"] }
    override class var readOnlyFields: [String] { ["owner"] }
}

final class WritableOwnerSerializer: ModelSerializer<NoteLike> {
    override class var modelFields: ModelFieldSelection? { ["owner"] }
}

/// DRF's `extra_kwargs = {"url": {"lookup_field": "slug"}, "account": {"queryset": ...}}`: the
/// url field's lookup and a relation's candidates, as the part-2 tags and projects need them.
@Suite struct ModelSerializerExtraKwargsTests {
    final class TagLinks: ModelSerializer<ShapedTag> {
        override class var modelFields: ModelFieldSelection? { ["url", "slug"] }
        override class var extraKwargs: [String: ExtraKwargs] { ["url": ExtraKwargs(lookupField: "slug")] }
    }

    final class AdminAccounts: ModelSerializer<ShapedProject> {
        override class var modelFields: ModelFieldSelection? { ["account"] }
        override class var extraKwargs: [String: ExtraKwargs] {
            ["account": ExtraKwargs(lookup: RelatedLookupFunction { pk, _ in pk == 1 })]
        }
    }

    @Test func urlLookupAndRelationLookup() throws {
        let url = try #require(TagLinks().fields.first as? HyperlinkedIdentityField)
        #expect(url.viewName == "tag-detail" && url.lookupField == "slug")
        let account = try #require(AdminAccounts().fields.first as? PrimaryKeyRelatedField)
        #expect(account.lookup is RelatedLookupFunction)
        let serializer = AdminAccounts(data: ["account": 2])
        #expect(try !serializer.isValid())
        #expect(serializer.errors == ["account": ["Invalid pk \"2\" - object does not exist."]])
    }
}
