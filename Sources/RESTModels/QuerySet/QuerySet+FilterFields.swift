import PostgreSQL
import RESTFramework

/// What `DjangoFilterBackend` learns of a model's fields: each column's filter kind (from its
/// `ColumnType`, `ColumnType.filterKind`) and choices, across relations too (`lead__username`,
/// `tags__slug`: the last model's column), and for a foreign key (`account`, `project__account`)
/// the target's primary key kind and whether a related row exists.
///
///     Project.objects.filterField(named: "status")    // .text, choices planned, active, done
///     Project.objects.filterField(named: "account")   // relatedColumn "account": a ModelChoiceFilter
extension QuerySet: FilterFieldDescribing {
    public func filterField(named name: String) -> FilterField? {
        let layout = ModelLayout.of(M.self)
        if let index = layout.index(ofField: name) {
            let column = layout.columns[index]
            guard let kind = column.type.filterKind else { return nil }
            return FilterField(
                kind, choices: column.choices?.map(\.value), relatedColumn: column.references == nil ? nil : column.name)
        }
        switch layout.filterTarget(name) {
        case .column(let target, let index)?:
            let column = target.columns[index]
            guard let kind = column.type.filterKind else { return nil }
            return FilterField(kind, choices: column.choices?.map(\.value))
        case .relation(let relation)?:
            // Django's ModelChoiceFilter: the key read as the target's primary key, compared
            // through the relation's name (the query compiler takes it to the key column).
            let target = relation.target()
            guard let key = target.primaryKeyIndex, let kind = target.columns[key].type.filterKind else { return nil }
            return FilterField(kind, relatedColumn: name)
        case nil:
            break
        }
        // A model without relations names its foreign key by the field (`account`) and declares
        // the column (`account_id`, `references: "accounts"`).
        if let index = layout.index(of: name + "_id"), layout.columns[index].references != nil {
            let column = layout.columns[index]
            guard let kind = column.type.filterKind else { return nil }
            return FilterField(kind, relatedColumn: column.name)
        }
        return nil
    }

    /// Django's `ModelChoiceField`: `related._default_manager.get(pk=key)`, as one
    /// `SELECT 1 ... LIMIT 1` on the target model's table by its primary key (every row of it:
    /// the related model's default manager, not the view's queryset). A column declared with
    /// `references:` names only its table, whose key is taken to be `id`.
    public func relatedRowExists(field: String, key: FieldValue) throws -> Bool {
        let layout = ModelLayout.of(M.self)
        let table: String
        let keyName: String
        let keyType: ColumnType
        if layout.index(ofField: field) == nil, case .relation(let relation)? = layout.filterTarget(field) {
            let target = relation.target()
            guard let index = target.primaryKeyIndex else { return false }
            (table, keyName, keyType) = (target.table, target.quotedNames[index], target.columns[index].type)
        } else {
            guard let info = filterField(named: field), let columnName = info.relatedColumn,
                let index = layout.index(of: columnName), let references = layout.columns[index].references
            else { return false }
            (table, keyName, keyType) = (SQL.identifier(references), SQL.identifier("id"), layout.columns[index].type)
        }
        let sql = "SELECT 1 FROM " + table + " WHERE " + keyName + " = $1 LIMIT 1"
        let parameter = SQLParameter.make(try keyType.coerce(key, field: field), as: keyType)
        return try requireConnection().query(sql, parameters: [parameter]).count > 0
    }
}

extension ModelLayout {
    /// What a filter's field path ends at, relations followed.
    enum FilterTarget {
        /// A column of the last model (`lead__username`: the user's `username`).
        case column(ModelLayout, Int)
        /// A foreign key or one-to-one by its name (`account`, `project__account`).
        case relation(RelationInfo)
    }

    /// Follows `project__account__name` through the relations to the last model's column, or
    /// to a forward relation named last. Nil when a hop is no relation, the last name is neither,
    /// or it is an annotation across a relation (which lookups do not read). A to-many hop
    /// (`tags__slug`) is fine: the lookup is an EXISTS, each row comes once.
    func filterTarget(_ path: String) -> FilterTarget? {
        guard !relations.isEmpty else { return nil }
        var layout = self
        var rest = Substring(path)
        while let separator = LookupSeparator.first(in: rest) {
            guard let relation = layout.relation(named: String(rest[..<separator.lowerBound])) else { return nil }
            layout = relation.target()
            rest = rest[separator.upperBound...]
        }
        let last = String(rest)
        if let index = layout.index(ofField: last) {
            return layout === self || layout.columns[index].isWritable ? .column(layout, index) : nil
        }
        if let relation = layout.relation(named: last), relation.isForward { return .relation(relation) }
        return nil
    }
}

extension ColumnType {
    /// django-filter's `FILTER_FOR_DBFIELD_DEFAULTS`: the filter (and so the form field and its
    /// messages) for a column of this type. A new column type is one entry here. Nil for the
    /// types django-filter has no default filter for (JSON, bytes, arrays): `filtersetFields`
    /// naming such a column is a configuration error, as django-filter's "unrecognized field type".
    var filterKind: FilterFieldKind? {
        switch self {
        case .int, .smallint: return .number(.integer)
        case .text: return .text
        case .bool: return .boolean
        case .double, .real: return .number(.float)
        case .numeric: return .number(.decimal)
        case .timestamptz: return .dateTime
        case .date: return .date
        case .time: return .time
        case .uuid: return .uuid
        case .interval: return .duration
        case .json, .jsonb, .bytea, .textArray, .smallintArray, .integerArray, .bigintArray: return nil
        }
    }
}
