/// What a serializer reads across relations, so that a list view fetches it for the whole page
/// (`selectRelated` for to-one paths, `prefetchRelated` for to-many ones: the model layer
/// sorts them) instead of a query per row.
extension Serializer {
    /// The relation paths the class's readable fields read, with Django's double underscores
    /// (`["lead", "project__account", "tags"]`): related and nested fields' own
    /// (`RelationReadingField`), and the relations of every dotted `source`
    /// (`source: "account.name"` reads `account`). Worked out once per class.
    ///
    ///     ProjectSerializer.relatedPaths    // ["account", "lead"]
    public class var relatedPaths: [String] {
        RelatedPathsCache.paths.value(for: self) { Self.paths(of: DeclaredFields.of(self)) }
    }

    static func paths(of fields: [any SerializerField]) -> [String] {
        var paths: [String] = []
        for field in fields where !field.writeOnly {
            if let reading = field as? any RelationReadingField {
                paths.append(contentsOf: reading.relatedPaths)
            } else if field.source != "*", field.source.contains(".") {
                paths.append(field.options.sourceAttrs.dropLast().joined(separator: "__"))
            }
        }
        var seen = Set<String>()
        return paths.filter { !$0.isEmpty && seen.insert($0).inserted }
    }
}

enum RelatedPathsCache {
    static let paths = SnapshotCache<ObjectIdentifier, [String]>()
}

extension GenericAPIView {
    /// What the view's serializer reads across relations: `list` and `getObject()` read it with
    /// the rows (`Queryable.withRelated`), so a page costs no query per row and a retrieved row
    /// renders its dotted sources.
    public var serializerRelatedPaths: [String] { (try? getSerializerClass())?.relatedPaths ?? [] }
}
