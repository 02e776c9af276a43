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
    /// DRF's `CreateOnlyDefault(default)`: the default when creating; when updating (or
    /// representing an instance), none, so the field is left out.
    indirect case createOnly(FieldDefault)

    public init(booleanLiteral value: Bool) { self = .value(.bool(value)) }
    public init(integerLiteral value: Int64) { self = .value(.int(value)) }
    public init(stringLiteral value: String) { self = .value(.string(value)) }
    public init(nilLiteral: ()) { self = .value(.null) }

    public func resolve(_ context: SerializerContext) -> FieldValue {
        switch self {
        case .value(let value): return value
        case .computed(let make): return make(context)
        case .createOnly(let wrapped): return wrapped.resolve(context)
        }
    }

    /// DRF's `get_default` with its `requires_context` defaults: nil (DRF's `SkipField`) for a
    /// create-only default when the serializer updates an instance (`creating` false).
    public func resolve(_ context: SerializerContext, creating: Bool) -> FieldValue? {
        if case .createOnly(let wrapped) = self { return creating ? wrapped.resolve(context, creating: true) : nil }
        return resolve(context)
    }
}
