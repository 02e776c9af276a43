@testable import RESTFramework
import RESTTesting

/// An in-memory row: what the model layer's rows look like to a serializer.
struct Row: FieldReadable {
    var values: [String: FieldValue]
    init(_ values: [String: FieldValue]) { self.values = values }
    func fieldValue(_ name: String) -> FieldValue? { values[name] }
}

/// Existing user ids, for related fields.
let knownUserIDs: Set<Int64> = [1, 2, 7]
let usersLookup = RelatedLookupFunction { pk, _ in knownUserIDs.contains(pk) }

/// The spec's username rule.
let usernamePattern = RegexValidator(
    #"^[\w.@+-]+\Z"#,
    message: "Enter a valid username. This value may contain only letters, numbers, and @/./+/-/_ characters.")

/// A uniqueness check over a fixed set of names that ignores the instance being updated, as the
/// model layer's UniqueValidator will.
struct FakeUniqueUsername: Validator {
    let taken: [Int64: String] = [1: "taken", 2: "other"]
    func validate(_ value: FieldValue, context: FieldValidationContext) throws {
        let ignoring = context.instance?.fieldValue("id")?.intValue
        if taken.contains(where: { $0.value == value.stringValue && $0.key != ignoring }) {
            throw ValidationError("A user with that username already exists.", code: "unique")
        }
    }
}

/// The spec's user serializer, built from the public API.
final class UserSerializer: Serializer {
    override class var fields: [any SerializerField] {
        [
            HyperlinkedIdentityField("url", viewName: "user-detail"),
            IntegerField("id", readOnly: true),
            CharField("username", maxLength: 150, validators: [usernamePattern, FakeUniqueUsername()]),
            EmailField("email", required: false, allowBlank: true, maxLength: 254),
            CharField("first_name", required: false, allowBlank: true, maxLength: 150),
            CharField("last_name", required: false, allowBlank: true, maxLength: 150),
            BooleanField("is_staff", required: false),
            DateTimeField("last_login", readOnly: true),
            DateTimeField("date_joined", readOnly: true),
        ]
    }

    var created: ValidatedData?
    var updated: ValidatedData?

    override func create(_ validatedData: ValidatedData) throws -> any FieldReadable {
        created = validatedData
        var values: [String: FieldValue] = [
            "id": 9, "email": "", "first_name": "", "last_name": "", "is_staff": false,
            "last_login": nil, "date_joined": .dateTime(DateTime(microsecondsSinceEpoch: 0)),
        ]
        for (key, value) in validatedData { values[key] = value }
        return Row(values)
    }

    override func update(_ instance: any FieldReadable, _ validatedData: ValidatedData) throws -> any FieldReadable {
        updated = validatedData
        var values = (instance as! Row).values
        for (key, value) in validatedData { values[key] = value }
        return Row(values)
    }
}

/// A reverse function like the router's: absolute URL from the request's host, `.json` suffix.
func fakeReverse(_ name: String, _ kwargs: [String: String], _ request: Request?, _ format: String?) throws -> String {
    guard name == "user-detail", let pk = kwargs["pk"] else { throw NoReverseMatch(name: name) }
    let host = request.map { $0.scheme + "://" + $0.host } ?? ""
    return host + "/api/users/\(pk)" + (format.map { ".\($0)" } ?? "/")
}

func userContext(format: String? = nil) -> SerializerContext {
    SerializerContext(
        request: APIRequestFactory().get("/api/users/", headers: ["Host": "example.com"]),
        format: format, reverse: fakeReverse)
}

/// Runs one field through a serializer: `.success(value)` or `.failure(errors of the field)`.
func check(
    _ field: any SerializerField, _ input: JSON?, partial: Bool = false,
    context: SerializerContext = SerializerContext()
) throws -> Result<FieldValue?, FieldErrors> {
    var body = JSONObject()
    if let input { body.append(field.name, input) }
    let serializer = Serializer(data: .object(body), partial: partial, context: context)
    serializer.fields = [field]
    if try serializer.isValid() { return .success(serializer.validatedData[field.source]) }
    return .failure(FieldErrors(json: serializer.errors[field.name] ?? serializer.errors))
}

struct FieldErrors: Error, Equatable {
    let json: JSON
}

extension Result where Success == FieldValue?, Failure == FieldErrors {
    var value: FieldValue? { if case .success(let v) = self { return v } else { return nil } }
    var messages: [String]? {
        if case .failure(let e) = self { return e.json.arrayValue?.compactMap(\.stringValue) } else { return nil }
    }
}
