import RESTFramework

/// A model as `ModelSerializer` sees it (DRF's `model_meta.get_field_info`): its primary key,
/// its plain columns, its forward relations, by the names a serializer uses.
struct ModelDescription<M: Model> {
    /// A forward relation by its name (`account`), with its key column (`account_id`).
    struct ForwardRelation {
        let name: String
        let column: Column<M>
        let isNullable: Bool
        /// nil for a `references:` column without a declared relation (no model to look in).
        let lookup: (any RelatedLookup)?
        /// The declared relation (nil for a `references:` column).
        let info: RelationInfo?
    }

    let columns: [Column<M>]
    let primaryKey: String?
    let relations: [ForwardRelation]

    init() {
        let columns = M.columns
        self.columns = columns
        primaryKey = M.primaryKey.single
        var relations: [ForwardRelation] = []
        var keyColumns = Set<String>()
        for relation in M.relations.map(\.info) where relation.isForward {
            guard let column = columns.first(where: { $0.name == relation.localColumn }) else { continue }
            relations.append(
                ForwardRelation(
                    name: relation.name, column: column, isNullable: relation.isNullable, lookup: relation.relatedLookup,
                    info: relation))
            keyColumns.insert(column.name)
        }
        // A key declared only as `references:` (`owner_id`): Django's field name is `owner`,
        // unless the model has a column of that name (`author`, an annotation beside `author_id`).
        let names = Set(columns.map(\.name))
        for column in columns
        where column.references != nil && !keyColumns.contains(column.name) && column.name.hasSuffix("_id")
            && !names.contains(String(column.name.dropLast(3)))
        {
            relations.append(
                ForwardRelation(
                    name: String(column.name.dropLast(3)), column: column, isNullable: column.isNullable, lookup: nil, info: nil))
        }
        self.relations = relations
    }

    func column(named name: String) -> Column<M>? { columns.first { $0.name == name } }
    func relation(named name: String) -> ForwardRelation? { relations.first { $0.name == name } }

    /// Whether `column` holds a foreign key (a relation's or a `references:` column).
    func isKeyColumn(_ column: Column<M>) -> Bool {
        column.references != nil || relations.contains { $0.column.name == column.name }
    }

    /// DRF's `get_default_field_names` without the declared fields: the primary key, the other
    /// stored columns, then the forward relations (annotations are not model fields).
    var defaultFieldNames: [String] {
        var names: [String] = primaryKey.map { [$0] } ?? []
        for column in columns where column.isWritable && column.name != primaryKey && !isKeyColumn(column) {
            names.append(column.name)
        }
        return names + relations.map(\.name)
    }

    /// The column a model field name means: a column, or a forward relation's key column.
    func columnName(of name: String) -> String? {
        if let column = column(named: name), column.isWritable { return column.name }
        return relation(named: name)?.column.name
    }

    /// Django's default `verbose_name` of a model: `TaskTag` → "task tag".
    static var verboseName: String {
        var words = ""
        let characters = Array(M.modelName)
        for (index, character) in characters.enumerated() {
            let afterLower = index > 0 && characters[index - 1].isLowercase
            let beforeLower = index > 0 && index + 1 < characters.count && characters[index + 1].isLowercase
            if character.isUppercase && (afterLower || beforeLower) { words.append(" ") }
            words.append(character)
        }
        return words.lowercased()
    }

    /// Django's `capfirst`.
    static func capfirst(_ text: String) -> String {
        guard let first = text.first else { return text }
        return first.uppercased() + text.dropFirst()
    }
}
