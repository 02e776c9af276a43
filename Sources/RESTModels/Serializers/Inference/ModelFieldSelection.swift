/// DRF's `Meta.fields` / `Meta.exclude` of a `ModelSerializer`: which of the model's fields the
/// serializer has, in which order. One value, so that giving both (an assertion in DRF) does not
/// compile. Named fields, in order:
///
///     override class var modelFields: ModelFieldSelection? { ["id", "title", "body"] }
///
/// DRF's `"__all__"`:
///
///     override class var modelFields: ModelFieldSelection? { .all }                 // "__all__"
///
/// All but some:
///
///     override class var modelFields: ModelFieldSelection? { .exclude(["body"]) }
public enum ModelFieldSelection: Sendable, Equatable, ExpressibleByArrayLiteral {
    /// These names, in this order (model fields, relations, annotations, `url`, declared fields).
    case fields([String])
    /// DRF's `"__all__"`: the primary key, the declared fields, the model's other columns, then its
    /// foreign keys by relation name.
    case all
    /// `.all` without these.
    case exclude([String])

    public init(arrayLiteral elements: String...) { self = .fields(elements) }
}
