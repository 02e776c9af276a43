/// A field's `default`: a constant, or computed from the serializer's context when validation
/// needs it (DRF's callable defaults, e.g. `CurrentUserDefault`).
///
///     BooleanField("is_staff", default: false)
///     HiddenField("author", default: .computed { context in context.request?.user.pk ?? .null })
public enum FieldDefault: Sendable, ExpressibleByBooleanLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByStringLiteral, ExpressibleByNilLiteral
{
    case value(FieldValue)
    case computed(@Sendable (SerializerContext) -> FieldValue)

    public init(booleanLiteral value: Bool) { self = .value(.bool(value)) }
    public init(integerLiteral value: Int64) { self = .value(.int(value)) }
    public init(stringLiteral value: String) { self = .value(.string(value)) }
    public init(nilLiteral: ()) { self = .value(.null) }

    public func resolve(_ context: SerializerContext) -> FieldValue {
        switch self {
        case .value(let value): return value
        case .computed(let make): return make(context)
        }
    }
}
