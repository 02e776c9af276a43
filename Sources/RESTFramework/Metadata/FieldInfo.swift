/// One field as DRF's `SimpleMetadata.get_field_info` describes it in OPTIONS `actions`:
/// `{"type","required","read_only","label"[,"min_length"][,"max_length"][,"min_value"][,"max_value"]}`
/// in that order. Read-only fields are never required.
///
///     FieldInfo(name: "is_staff", type: .boolean).json
///     // {"type":"boolean","required":false,"read_only":false,"label":"Is staff"}
///     FieldInfo(name: "username", type: .string, required: true, maxLength: 150).json
///     // {"type":"string","required":true,"read_only":false,"label":"Username","max_length":150}
public struct FieldInfo: Sendable, Equatable {
    /// DRF's `label_lookup` names.
    public enum FieldType: String, Sendable {
        /// Read-only and relational fields (`url`, `owner`, `author`), DRF's base `Field`.
        case field, boolean, string, url, email, regex, slug, integer, float, decimal, date, datetime, time
        case duration, choice, list
        case multipleChoice = "multiple choice"
        case fileUpload = "file upload"
        case nestedObject = "nested object"
    }

    public var type: FieldType
    public var required: Bool
    public var readOnly: Bool
    public var label: String
    public var minLength: Int?
    public var maxLength: Int?
    public var minValue: Int64?
    public var maxValue: Int64?

    public init(
        type: FieldType, required: Bool = false, readOnly: Bool = false, label: String,
        minLength: Int? = nil, maxLength: Int? = nil, minValue: Int64? = nil, maxValue: Int64? = nil
    ) {
        self.type = type
        self.required = readOnly ? false : required
        self.readOnly = readOnly
        self.label = label
        self.minLength = minLength
        self.maxLength = maxLength
        self.minValue = minValue
        self.maxValue = maxValue
    }

    /// With the label DRF derives from the field name (`label(forFieldName:)`).
    public init(
        name: String, type: FieldType, required: Bool = false, readOnly: Bool = false,
        minLength: Int? = nil, maxLength: Int? = nil, minValue: Int64? = nil, maxValue: Int64? = nil
    ) {
        self.init(
            type: type, required: required, readOnly: readOnly, label: Self.label(forFieldName: name),
            minLength: minLength, maxLength: maxLength, minValue: minValue, maxValue: maxValue)
    }

    /// DRF's default label, `field_name.replace('_', ' ').capitalize()` ("date_joined" →
    /// "Date joined", "url" → "Url"), except `id`: a model's primary key has Django's verbose
    /// name "ID", which ModelSerializer uses.
    public static func label(forFieldName name: String) -> String {
        name == "id" ? "ID" : ViewNaming.prettyName(name)
    }

    public var json: JSON {
        var object = JSONObject([
            ("type", .string(type.rawValue)),
            ("required", .bool(required)),
            ("read_only", .bool(readOnly)),
        ])
        if !label.isEmpty { object["label"] = .string(label) }
        if let minLength { object["min_length"] = JSON(minLength) }
        if let maxLength { object["max_length"] = JSON(maxLength) }
        if let minValue { object["min_value"] = .int(minValue) }
        if let maxValue { object["max_value"] = .int(maxValue) }
        return .object(object)
    }

    /// DRF's `get_serializer_info`: the fields in order, each described.
    public static func describe(_ fields: [(name: String, info: FieldInfo)]) -> JSON {
        .object(JSONObject(fields.map { ($0.name, $0.info.json) }))
    }
}
