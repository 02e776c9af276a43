/// DRF's `get_attribute(instance, source_attrs)`: the value a field's `source` names on an
/// instance. A name the instance answers itself comes first (a model answers `"account.name"`
/// across its filled relations, and its computed values); otherwise a dotted source is followed
/// one name at a time: through `relatedObject` (a related object), or into a JSON object's
/// member (`"settings.theme"` on a `jsonb` column, as DRF looks up a dict's key).
///
/// nil is DRF's `AttributeError`/`KeyError`: no such name, or null (or a scalar) on the way. The
/// field then takes its missing-value rules: its default, null when `allowNull`, left out when
/// not required (a read-only field), an error otherwise.
enum SourceAttribute {
    @inline(__always)
    static func value(of instance: any FieldReadable, source: String) -> FieldValue? {
        if let value = instance.fieldValue(source) { return value }
        return following(source, from: instance)
    }

    /// The slow path: only a name the instance did not answer whole, and only with a dot in it.
    private static func following(_ source: String, from instance: any FieldReadable) -> FieldValue? {
        guard let dot = source.firstIndex(of: ".") else { return nil }
        let head = String(source[..<dot])
        let rest = String(source[source.index(after: dot)...])
        if let related = instance.relatedObject(head) { return value(of: related, source: rest) }
        guard case .jsonValue(let json)? = instance.fieldValue(head) else { return nil }
        return member(rest, of: json)
    }

    /// `rest` looked up in a JSON value, one key per dotted part; a scalar member as the field
    /// value it would be on its own (`"dark"` is `.string`), a container as `.jsonValue`.
    private static func member(_ path: String, of json: JSON) -> FieldValue? {
        var current = json
        for key in path.split(separator: ".", omittingEmptySubsequences: false) {
            guard case .object(let object) = current, let next = object[String(key)] else { return nil }
            current = next
        }
        return StructuredValue.fieldValue(current)
    }
}
