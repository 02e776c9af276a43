import RESTFramework

/// The fields `ModelSerializer` makes for a model's relations (DRF's `build_relational_field`
/// and, for `depth`, `build_nested_field`), from the relation's declaration.
extension Model {
    /// DRF's default field for the relation `name`: a `PrimaryKeyRelatedField` over every row
    /// of the target, `many` for a many-to-many or reverse relation; a nullable foreign key is
    /// optional and takes null, a to-many one is optional. nil when the model has no such relation.
    ///
    ///     Issue.relatedField(named: "assignee")    // PrimaryKeyRelatedField("assignee", ..., required: false, allowNull: true)
    public static func relatedField(named name: String, readOnly: Bool = false) -> (any SerializerField)? {
        guard let relation = ModelLayout.of(Self.self).relation(named: name) else { return nil }
        let toMany = relation.isToMany
        return PrimaryKeyRelatedField(
            name, queryset: readOnly ? nil : relation.targetQueryset(), many: toMany,
            required: readOnly ? nil : (toMany || relation.isNullable ? false : nil), readOnly: readOnly,
            allowNull: !toMany && relation.isNullable && !readOnly)
    }

    /// DRF's `HyperlinkedModelSerializer` field for the relation `name`: a
    /// `HyperlinkedRelatedField` to the target's `<model name in lower case>-detail` route (DRF's
    /// `view_name` default), optional and nullable as `relatedField(named:)` says.
    ///
    ///     Issue.hyperlinkedField(named: "project")   // viewName "project-detail"
    public static func hyperlinkedField(named name: String, readOnly: Bool = false) -> (any SerializerField)? {
        guard let relation = ModelLayout.of(Self.self).relation(named: name) else { return nil }
        let toMany = relation.isToMany
        return HyperlinkedRelatedField(
            name, viewName: relation.targetModelName().lowercased() + "-detail",
            queryset: readOnly ? nil : relation.targetQueryset(), many: toMany,
            required: readOnly ? nil : (toMany || relation.isNullable ? false : nil), readOnly: readOnly,
            allowNull: !toMany && relation.isNullable && !readOnly)
    }

    /// DRF's nested field for the relation `name` (`depth`): `serializer` renders the related
    /// row(s), read-only, `many` for a to-many relation. nil when the model has no such relation.
    ///
    ///     Issue.nestedField(named: "assignee", serializer: BriefUserSerializer.self)
    public static func nestedField(named name: String, serializer: Serializer.Type) -> (any SerializerField)? {
        guard let relation = ModelLayout.of(Self.self).relation(named: name) else { return nil }
        return NestedSerializerField(name, serializer, many: relation.isToMany, readOnly: true)
    }
}
