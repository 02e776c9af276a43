// The `///` examples of Sources/RESTFramework/Serializers, compiled (DocCommentExampleTests finds
// them here).
import PostgreSQL
@testable import RESTFramework
@testable import RESTModels

// Serializer: what its example takes for granted (validators, a table of users).
enum SerializerExample {
    static let usernamePattern = RegexValidator(#"^[\w.@+-]+\Z"#, message: "Enter a valid username.")
    static let uniqueUsername = UniqueValidator(User.objects, message: "A user with that username already exists.")
    enum Users {
        static func insert(_ attrs: ValidatedData) throws -> any FieldReadable { try User.objects.insert(attrs) }
    }

    final class UserSerializer: Serializer {
        override class var fields: [any SerializerField] {
            [HyperlinkedIdentityField("url", viewName: "user-detail"),
             IntegerField("id", readOnly: true),
             CharField("username", maxLength: 150, validators: [usernamePattern, uniqueUsername]),
             EmailField("email", required: false, allowBlank: true, maxLength: 254),
             BooleanField("is_staff", required: false),
             DateTimeField("date_joined", readOnly: true)]
        }
        override func create(_ attrs: ValidatedData) throws -> any FieldReadable { try Users.insert(attrs) }
    }
}

// PrimaryKeyRelatedField's RelatedLookup
struct UsersLookup: RelatedLookup {
    func exists(pk: Int64, context: SerializerContext) throws -> Bool {
        try User.objects.using(context.database).filter(.field("pk", .exact(.int(pk)))).exists()
    }
}

// SerializerField
struct UpperCaseField: SerializerField {
    var options: FieldOptions
    init(_ name: String) { options = FieldOptions(name: name) }
    func toInternalValue(_ data: JSON, context: FieldValidationContext) throws -> FieldValue {
        guard let text = data.stringValue else { throw ValidationError("Not a valid string.") }
        return .string(text.uppercased())
    }
    func toRepresentation(_ value: FieldValue, context: SerializerContext) throws -> JSON { value.json }
}


extension DocHost {
    // ListSerializer
    func lists(users: [any FieldReadable]) throws {
        let list = UserSerializer.many(instances: users, context: context)
        Response(try list.data)                       // [{"url":...,"id":1,...}, ...]

        let batch = NoteSerializer.many(data: [["title": "a"], ["title": ""]])
        try batch.isValid()                           // false
        batch.errors                                  // {"1":{"title":["This field may not be blank."]}}
    }

    // Serializer
    func createUser() throws -> Response {
        let serializer = UserSerializer(data: try request.data, context: context)
        try serializer.isValid(raiseException: true)     // 400 {"username":["This field is required."]}
        try serializer.save()
        return Response(try serializer.data, status: 201)
    }

    // Serializer.many, SerializerContext
    func listUsers(users: [any FieldReadable]) throws -> Response {
        Response(try UserSerializer.many(instances: users, context: context).data)
    }

    func listUsersWithAContext(users: [any FieldReadable]) throws -> Response {
        Response(try UserSerializer.many(instances: users, context: SerializerContext(request: request, view: self)).data)
    }

    // URLReverser, SerializerContext
    func contexts(urls: URLConf) {
        let reverse: URLReverser = { name, kwargs, request, format in
            try urls.reverse(name, kwargs: kwargs, request: request, format: format)
        }
        let context = SerializerContext(request: request, view: self, format: formatKwarg, reverse: reverse)
        let serializer = UserSerializer(instance: user, context: context)
        _ = serializer
    }

    // ValidatedData
    func validatedData() {
        var attrs: ValidatedData = ["username": "ada", "is_staff": false]
        attrs["email"] = ""
        attrs["username"]        // .string("ada")
    }

    // The fields
    func fields() {
        BooleanField("is_staff", default: false)
        HiddenField("author", default: .computed { context in context.request?.user.pk ?? .null })

        CharField("username", maxLength: 150, validators: [RegexValidator(#"^[\w.@+-]+\z"#, message: "...")])
        CharField("description", required: false, default: "", allowBlank: true)

        DateTimeField("date_joined", readOnly: true)

        DateTimeInput.parse("2026-11-29T00:22:38.5+01:00")?.iso8601   // "2026-11-28T23:22:38.500000Z"

        EmailField("email", required: false, allowBlank: true, maxLength: 254)

        var options = FieldOptions(name: "is_staff", default: false)
        options.required    // false: a default makes a field optional
        options.label       // "Is staff"

        HyperlinkedIdentityField("url", viewName: "user-detail")

        IntegerField("id", readOnly: true)
        IntegerField("age", maxValue: 150, minValue: 0)

        PrimaryKeyRelatedField("user", lookup: RelatedLookupFunction { pk, _ in [1, 2, 3].contains(pk) })

        PrimaryKeyRelatedField("user", lookup: UsersLookup())
        PrimaryKeyRelatedField("owner", readOnly: true)

        ReadOnlyField("author", source: "author.username")
        ReadOnlyField("owner", source: "owner_id")

        MethodField("display_name") { user, _ in
            .string((user.fieldValue("first_name")?.stringValue ?? "") + " " + (user.fieldValue("last_name")?.stringValue ?? ""))
        }

        MethodField("initials") { user, _ -> String in
            String((user.fieldValue("first_name")?.stringValue ?? "").prefix(1))
        }

        HiddenField("author_id", default: .computed { context in context.request?.user.pk ?? .null })
    }

    // The validators
    func validators() {
        EmailValidator().isValid("ada@example.com")   // true
        EmailValidator().isValid("ada@[127.0.0.1]")   // true

        MaxLengthValidator(150)   // "Ensure this value has at most 150 characters (it has 151)."

        RegexValidator(#"^[\w.@+-]+\Z"#, message: "Enter a valid username. ...")  // Django's username rule

        struct NotAdmin: Validator {
            func validate(_ value: FieldValue, context: FieldValidationContext) throws {
                if value == "admin" { throw ValidationError("This name is reserved.") }
            }
        }
        CharField("username", validators: [NotAdmin()])

        CharField("title", validators: [ValidatorFunction { value, _ in
            if value.stringValue?.hasPrefix("!") == true { throw ValidationError("No bangs.") }
        }])

        IntegerField("age", validators: [MaxValueValidator(150)])  // "Ensure this value is less than or equal to 150."
    }
}
