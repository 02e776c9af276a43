/// What a relation of an instance holds, as nested and related serializer fields read it
/// (`FieldReadable.relatedInstances(_:context:)`): one object or none (a foreign key, a
/// one-to-one), or a list (a many-to-many, a reverse relation).
///
///     switch try task.relatedInstances("tags", context: context) {
///     case .many(let tags)?: print(tags.count)
///     case .one(let project)?: print(project?.fieldValue("name") ?? .null)
///     case nil: print("no such relation")
///     }
public enum RelatedInstances {
    case one((any FieldReadable)?)
    case many([any FieldReadable])
}

extension FieldReadable {
    /// The related object(s) at a field's `source`: `"lead"`, or across relations
    /// (`"project.account"`, DRF's dotted source); `"*"` is the instance itself. nil when a step
    /// names no relation; an empty to-one relation on the way is `.one(nil)`.
    public func relatedInstances(atSource source: String, context: SerializerContext) throws -> RelatedInstances? {
        if source == "*" { return .one(self) }
        // One step, the usual case (`lead`, `tags`): no split, no boxing of `self`. This runs for
        // every nested field of every row (2,500 instructions a row with the split).
        if !source.isEmpty, !source.utf8.contains(UInt8(ascii: ".")) { return try relatedInstances(source, context: context) }
        var current: any FieldReadable = self
        let steps = source.split(separator: ".")
        for (index, step) in steps.enumerated() {
            guard let found = try current.relatedInstances(String(step), context: context) else { return nil }
            if index == steps.count - 1 { return found }
            guard case .one(let next) = found else { return nil }
            guard let next else { return .one(nil) }
            current = next
        }
        return nil
    }
}
