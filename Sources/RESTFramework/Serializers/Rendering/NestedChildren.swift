/// The child serializers of a parent's nested fields, made once per rendering of the parent
/// rather than once per row: DRF too binds one serializer instance to a nested field and calls
/// its `to_representation` for every row. A child keeps its own `RenderingState` (fields,
/// readers, frozen context), so its second row costs what a list's second row costs.
///
/// Held by the parent's frozen context (`SerializerContext.nestedChildren`), so it lives as long
/// as the parent serializer's rendering and never crosses requests.
final class NestedChildren {
    private var children: [(type: ObjectIdentifier, serializer: Serializer)] = []

    /// The child of class `type` for `context` (the parent's, which holds this cache).
    func child(_ type: Serializer.Type, context: SerializerContext) -> Serializer {
        let key = ObjectIdentifier(type)
        // A parent has a handful of nested fields: a linear search beats hashing.
        for entry in children where entry.type == key { return entry.serializer }
        // Without this cache in its context: the child would hold the cache that holds it (a
        // cycle, leaked with every request). It makes its own when it renders.
        var own = context
        own.nestedChildren = nil
        let made = type.init(context: own)
        children.append((key, made))
        return made
    }
}
