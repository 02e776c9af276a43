import PostgreSQL
import RESTFramework

/// What `DjangoFilterBackend` learns of a model's fields: each column's filter kind (from its
/// `ColumnType`, `ColumnType.filterKind`) and choices, and for a foreign key (`account`, the
/// column `account_id` that `references` a table) whether a related row exists.
///
///     Project.objects.filterField(named: "status")    // .text, choices planned, active, done
///     Project.objects.filterField(named: "account")   // relatedColumn "account_id" (references "accounts")
extension QuerySet: FilterFieldDescribing {
    public func filterField(named name: String) -> FilterField? {
        let layout = ModelLayout.of(M.self)
        if let index = layout.index(ofField: name) {
            let column = layout.columns[index]
            guard let kind = column.type.filterKind else { return nil }
            return FilterField(
                kind, choices: column.choices?.map(\.value), relatedColumn: column.references == nil ? nil : column.name)
        }
        // Django names a foreign key by its field (`account`); the model declares the column.
        if let index = layout.index(of: name + "_id"), layout.columns[index].references != nil {
            let column = layout.columns[index]
            guard let kind = column.type.filterKind else { return nil }
            return FilterField(kind, relatedColumn: column.name)
        }
        // A path across relations (`lead__username`): the relations' field, once the model layer
        // resolves relation paths; until then the name is unknown here.
        return nil
    }

    /// Django's `ModelChoiceField`: `related._default_manager.get(pk=key)`, as one
    /// `SELECT 1 ... LIMIT 1` on the referenced table's `id` (every row of it: the related
    /// model's default manager, not the view's queryset).
    public func relatedRowExists(field: String, key: FieldValue) throws -> Bool {
        guard let info = filterField(named: field), let columnName = info.relatedColumn else { return false }
        let layout = ModelLayout.of(M.self)
        guard let index = layout.index(of: columnName), let table = layout.columns[index].references else { return false }
        let column = layout.columns[index]
        let sql = "SELECT 1 FROM " + SQL.identifier(table) + " WHERE " + SQL.identifier("id") + " = $1 LIMIT 1"
        let parameter = SQLParameter.make(try column.type.coerce(key, field: columnName), as: column.type)
        return try requireConnection().query(sql, parameters: [parameter]).count > 0
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
