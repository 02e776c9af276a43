// The docs/framework.md examples of the structured fields (choices, lists, objects, JSON),
// `source` across relations and model properties, and the context defaults, compiled
// (MarkdownSnippetTests) and run without a database (FieldExampleTests below).
import RESTFramework
import RESTModels
import RESTTesting
import Testing

final class ProjectFormSerializer: Serializer {
    override class var fields: [any SerializerField] {
        [ChoiceField("status", choices: ProjectStatus.choices ?? [], default: "planned"),
         ChoiceField("priority", choices: [(1, "high"), (2, "normal"), (3, "low")], default: 2),
         MultipleChoiceField("days", choices: [(1, "Mon"), (2, "Tue")], required: false),
         ListField("tags", child: CharField("tag", maxLength: 5), required: false, maxLength: 3),
         DictField("limits", child: IntegerField("limit", minValue: 0), required: false),
         JSONField("settings", default: .value(.jsonValue([:])))]
    }
}

final class TaskSummarySerializer: Serializer {
    override class var fields: [any SerializerField] {
        [ReadOnlyField("project_name", source: "project.name"),            // across a relation
         ReadOnlyField("account_name", source: "project.account.name"),    // across two
         ReadOnlyField("assignee", source: "assignee.username"),           // left out when there is none
         CharField("priority_display", source: "get_priority_display", readOnly: true),
         ReadOnlyField("theme", source: "settings.theme"),                 // a member of a jsonb column
         SerializerMethodField("next_priority") { task, _ in
             .int((task.fieldValue("priority")?.intValue ?? 0) + 1)
         },
         HiddenField("owner", default: .currentUser)]
    }
}

struct Person: Model {
    var id: Int64, firstName: String, lastName: String

    static let tableName = "people"
    static let fields = Fields(Person.init, Field("id", \.id), Field("first_name", \.firstName), Field("last_name", \.lastName))
    static let properties = [ModelProperty<Person>("full_name") { .string($0.firstName + " " + $0.lastName) }]
}

@Suite struct FieldExampleTests {
    @Test func structuredFieldsValidateAsDRF() throws {
        let valid = ProjectFormSerializer(data: ["status": "active", "priority": "1", "days": [2, "1"], "tags": ["a"]])
        #expect(try valid.isValid())
        #expect(
            valid.validatedData
                == ["status": "active", "priority": 1, "days": .list([2, 1]), "tags": .list(["a"]), "settings": .jsonValue([:])])
        let invalid = ProjectFormSerializer(data: ["status": "x", "tags": ["ok", "toolong"], "limits": ["a": -1], "settings": nil])
        #expect(try !invalid.isValid())
        #expect(
            JSONWriter.renderString(invalid.errors)
                == #"{"status":["\"x\" is not a valid choice."],"tags":{"1":["Ensure this field has no more than 5 characters."]},"#
                + #""limits":{"a":["Ensure this value is greater than or equal to 0."]},"settings":["This field may not be null."]}"#)
    }
}
