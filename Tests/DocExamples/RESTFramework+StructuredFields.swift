// The `///` examples of the structured serializer fields (choices, lists, objects, JSON), the
// context defaults and model properties, compiled (DocCommentExampleTests finds them here).
@testable import RESTFramework
@testable import RESTModels

// ModelProperty
struct Person: Model {
    var id: Int64, firstName: String, lastName: String

    static let tableName = "people"
    static let fields = Fields(Person.init, Field("id", \.id), Field("first_name", \.firstName), Field("last_name", \.lastName))
    static let properties = [ModelProperty<Person>("full_name") { .string($0.firstName + " " + $0.lastName) }]
}

enum StructuredFieldExamples {
    @SerializerFieldsBuilder
    static func choices() -> [any SerializerField] {
        // ChoiceField
        ChoiceField("status", choices: [
            Choice(value: "planned", displayName: "Planned"), Choice(value: "active", displayName: "Active"),
            Choice(value: "done", displayName: "Done"),
        ], default: "planned")
        ChoiceField("priority", choices: [(1, "high"), (2, "normal"), (3, "low")], default: 2)
        ChoiceField("size", choices: ["s", "m", "l"])     // each value is its own display name
    }

    @SerializerFieldsBuilder
    static func fields() -> [any SerializerField] {
        // MultipleChoiceField
        MultipleChoiceField("days", choices: [(1, "Mon"), (2, "Tue")], allowEmpty: false)

        // ListField
        ListField("scores", child: IntegerField("score", minValue: 0), minLength: 1, maxLength: 10)
        ListField("anything")      // items kept as they are (DRF's default child)

        // DictField
        DictField("limits", child: IntegerField("limit", minValue: 0))
        DictField("labels", allowEmpty: false)      // values kept as they are (DRF's default child)

        // JSONField
        JSONField("settings", default: .value(.jsonValue([:])))     // any JSON value but null
        JSONField("payload", allowNull: true)
        JSONField("document", binary: true)       // input and output as JSON text in a string

        // CurrentUserDefault, CreateOnlyDefault
        HiddenField("owner", default: .currentUser)                   // the requesting user's pk
        HiddenField("created_by", default: .createOnly(.currentUser)) // set on create, kept on update
        DateTimeField("created", default: .createOnly(.computed { _ in .dateTime(DateTime.now()) }))

        // SerializerMethodField
        SerializerMethodField("task_total") { project, _ in
            .int((project.fieldValue("task_count")?.intValue ?? 0) + 1)
        }

        // SchemaTypedValue
        SerializerMethodField("task_total") { project, _ -> Int64 in
            (project.fieldValue("task_count")?.intValue ?? 0) + 1
        }
        // "task_total": {"type": "integer", "readOnly": true}

        // ModelProperty: the serializer side
        ReadOnlyField("name", source: "full_name")
    }

    static func python() {
        // PythonJSON, PythonText+JSON
        PythonJSON.dumps(["a": [1, 2.5, nil], "é": true])   // {"a": [1, 2.5, null], "\u00e9": true}
        PythonText.display(["a", 1, true, nil])   // "['a', 1, True, None]"
    }
}

/// Collects the field declarations above into a list, so each reads as it does in a doc comment.
@resultBuilder
enum SerializerFieldsBuilder {
    static func buildExpression(_ field: any SerializerField) -> [any SerializerField] { [field] }
    static func buildBlock(_ parts: [any SerializerField]...) -> [any SerializerField] { parts.flatMap { $0 } }
}
