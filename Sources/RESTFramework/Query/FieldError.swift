/// Django's `FieldError`: a field name the model (or row type) does not have, in a filter, an
/// ordering, a write or a serializer field's source. A programming mistake, so uncaught it is a
/// 500; the message names the model and the fields it has, to make the typo easy to spot.
///
///     try Note.objects(on: request).filter(.field("titel", .exact("x"))).all()
///     // Note has no field "titel". Valid fields: id, title, body, author_id.
public struct FieldError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The model's (or row type's) name.
    public let model: String
    /// The name that was asked for.
    public let field: String
    /// The names it has, in declaration order; empty when the type cannot list them.
    public let validFields: [String]

    public init(model: String, field: String, validFields: [String]) {
        self.model = model
        self.field = field
        self.validFields = validFields
    }

    /// For a row of `type`: its model's fields if it is one, else the type's name alone.
    public init(_ type: any FieldReadable.Type, field: String) {
        let layout = type.fieldLayout
        self.init(
            model: layout?.source.typeName ?? String(describing: type), field: field,
            validFields: layout?.source.fieldNames ?? [])
    }

    public var description: String {
        let unknown = "\(model) has no field \"\(field)\"."
        return validFields.isEmpty ? unknown : unknown + " Valid fields: " + validFields.joined(separator: ", ") + "."
    }
}
