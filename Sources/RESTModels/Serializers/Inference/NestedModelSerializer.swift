import RESTFramework

/// DRF's `build_nested_field` makes a class per relation at run time (`class NestedSerializer:
/// class Meta: model = <target>; depth = depth - 1; fields = "__all__"`). A Swift serializer is a
/// class whose declaration is its type, so the depth is carried in the type: `DepthLevel`
/// counts in types (`NextDepth<NextDepth<NoDepth>>` is 2), and each (model, depth) pair is one
/// specialization of `NestedModelSerializer`, whose inference is cached like any serializer's.
public protocol DepthLevel: Sendable {
    static var value: Int { get }
}

/// Depth 0: the nested serializer's own relations are primary keys (or links).
public enum NoDepth: DepthLevel {
    public static var value: Int { 0 }
}

/// One more level than `Previous`.
public enum NextDepth<Previous: DepthLevel>: DepthLevel {
    public static var value: Int { Previous.value + 1 }
}

/// The nested serializer of `ModelSerializer.depth`: every field of `T` (`.all`), read-only
/// where it is nested (the field that holds it is), with `Depth.value` levels below it.
public final class NestedModelSerializer<T: Model, Depth: DepthLevel>: ModelSerializer<T>, NestedInference {
    public override class var modelFields: ModelFieldSelection? { .all }
    public override class var depth: Int { Depth.value }
}

/// The same for `HyperlinkedModelSerializer.depth`: `url` first, relations as links.
public final class NestedHyperlinkedModelSerializer<T: Model, Depth: DepthLevel>: HyperlinkedModelSerializer<T>,
    NestedInference
{
    public override class var modelFields: ModelFieldSelection? { .all }
    public override class var depth: Int { Depth.value }
}

enum NestedModelSerializers {
    /// The nested serializer class of `T` with `depth` levels below it (at most the parent's).
    static func type<T: Model>(of model: T.Type, depth: Int, hyperlinked: Bool) -> Serializer.Type {
        level(NoDepth.self, adding: max(0, depth), model, hyperlinked)
    }

    private static func level<T: Model, D: DepthLevel>(_: D.Type, adding remaining: Int, _ model: T.Type, _ hyperlinked: Bool)
        -> Serializer.Type
    {
        guard remaining > 0 else {
            return hyperlinked ? NestedHyperlinkedModelSerializer<T, D>.self : NestedModelSerializer<T, D>.self
        }
        return level(NextDepth<D>.self, adding: remaining - 1, model, hyperlinked)
    }
}

/// Marks the nested serializers: only read, so a key without a declared relation (`owner_id`
/// declared `references:`) is shown read-only rather than reported as unwritable.
protocol NestedInference {}
