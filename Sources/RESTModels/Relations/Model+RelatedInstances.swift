import PostgreSQL
import RESTFramework

/// The seam nested and related serializer fields read relations through: what
/// `selectRelated`/`prefetchRelated` filled, else the related rows read now on the serializer's
/// database (one query, Django's lazy access: what a created or updated row renders with).
extension Model {
    public func relatedInstances(_ name: String, context: SerializerContext) throws -> RelatedInstances? {
        let layout = ModelLayout.of(Self.self)
        guard !layout.relations.isEmpty, let relation = layout.relation(named: name) else { return nil }
        let loaded: RelatedInstances? = withUnsafePointer(to: self) { pointer in
            let raw = UnsafeRawPointer(pointer)
            switch relation.kind {
            case .foreignKey, .oneToOne:
                return relation.instance?(raw).map { .one($0) }
            case .reverseOneToOne:
                return relation.isLoaded?(raw) == true ? .one(relation.instance?(raw)) : nil
            case .reverse, .manyToMany:
                return relation.instances?(raw).map { .many($0) }
            }
        }
        if let loaded { return loaded }
        guard let index = layout.index(of: relation.localColumn) else { return nil }
        let key = withUnsafePointer(to: self) { layout.readers[index].read(UnsafeRawPointer($0)) }
        if key.isNull { return relation.isToMany ? .many([]) : .one(nil) }
        let rows = try relation.load(relation, key, layout.columns[index].type, context.database)
        return relation.isToMany ? .many(rows) : .one(rows.first)
    }
}
