/// One filter of a filterset: the query parameter `name` (`budget__gte`), the model field it
/// filters (`budget`, or a path across relations: `lead__username`), the lookup (`gte`), and
/// what the field is. django-filter's `filter_for_field`/`filter_for_lookup` pick its form field:
/// `exact` on a field with choices is a `ChoiceFilter`, a foreign key a `ModelChoiceFilter`,
/// `isnull` a `BooleanFilter`, `in` and `range` a comma-separated list of the field's own kind.
struct FieldFilter {
    let name: String
    let field: String
    let lookup: String
    let info: FilterField

    /// The lookups a filter can use; a `filtersetFields` entry naming another is a mistake.
    static let lookups: Set<String> = [
        "exact", "iexact", "contains", "icontains", "startswith", "istartswith", "endswith", "iendswith",
        "gt", "gte", "lt", "lte", "in", "range", "isnull", "regex", "iregex",
    ]

    /// The condition the query value `text` asks for; nil when the value is empty (no filtering).
    /// `relatedRowExists` is `ModelChoiceField`'s look-up of a foreign key's row.
    func predicate(for text: String, relatedRowExists: (FieldValue) throws -> Bool) throws -> Result<Predicate?, FilterFormField.Invalid> {
        do {
            return .success(try cleanPredicate(text, relatedRowExists: relatedRowExists))
        } catch let invalid as FilterFormField.Invalid {
            return .failure(invalid)
        }
    }

    private func cleanPredicate(_ text: String, relatedRowExists: (FieldValue) throws -> Bool) throws -> Predicate? {
        // A foreign key is compared through its relation (`project`) or column (`account_id`).
        let column = info.relatedColumn ?? field
        switch lookup {
        case "isnull":
            return FilterFormField.booleanWidget(text).map { .field(column, .isNull($0)) }
        case "in", "range":
            // BaseCSVWidget: "" is no list; else every element, the first bad one failing.
            guard !text.isEmpty else { return nil }
            let values = try text.split(separator: ",", omittingEmptySubsequences: false).map {
                try cleanElement(String($0), relatedRowExists: relatedRowExists)
            }
            if lookup == "in" { return .field(column, .in(values)) }
            guard values.count == 2 else { throw FilterFormField.Invalid.rangeValues }
            // `BETWEEN x AND NULL` is never true.
            if values[0].isNull || values[1].isNull { return .constant(false) }
            return .field(column, .range(values[0], values[1]))
        default:
            guard let value = try cleanSingle(text, relatedRowExists: relatedRowExists) else { return nil }
            return .field(column, try Self.lookup(lookup, value))
        }
    }

    /// One value of the filter's own form field.
    private func cleanSingle(_ text: String, relatedRowExists: (FieldValue) throws -> Bool) throws -> FieldValue? {
        if info.relatedColumn != nil {
            guard let key = try FilterFormField.cleanRelatedKey(text, as: info.kind) else { return nil }
            guard try relatedRowExists(key) else { throw FilterFormField.Invalid.missingChoice }
            return key
        }
        if lookup == "exact", let choices = info.choices {
            return try FilterFormField.cleanChoice(text, choices: choices)
        }
        return try FilterFormField.clean(text, as: info.kind)
    }

    /// One element of an `in` or `range` list: the field's kind without its choices (django-filter
    /// gives `status__in` a plain `CharFilter` list). An empty element is `""` for text (what
    /// `CharField` cleans it to) and NULL otherwise, which `in` never matches.
    private func cleanElement(_ text: String, relatedRowExists: (FieldValue) throws -> Bool) throws -> FieldValue {
        if info.relatedColumn != nil {
            guard let key = try FilterFormField.cleanRelatedKey(text, as: info.kind) else { return .null }
            guard try relatedRowExists(key) else { throw FilterFormField.Invalid.missingChoice }
            return key
        }
        if let value = try FilterFormField.clean(text, as: info.kind) { return value }
        return info.kind == .text ? .string("") : .null
    }

    /// The `Lookup` a lookup name means, with a cleaned value.
    static func lookup(_ name: String, _ value: FieldValue) throws -> Lookup {
        let text = value.stringValue ?? value.description
        switch name {
        case "exact": return .exact(value)
        case "iexact": return .iexact(text)
        case "contains": return .contains(text)
        case "icontains": return .icontains(text)
        case "startswith": return .startswith(text)
        case "istartswith": return .istartswith(text)
        case "endswith": return .endswith(text)
        case "iendswith": return .iendswith(text)
        case "gt": return .gt(value)
        case "gte": return .gte(value)
        case "lt": return .lt(value)
        case "lte": return .lte(value)
        case "regex": return .regex(text)
        case "iregex": return .iregex(text)
        default: throw ImproperlyConfigured("The filter lookup '\(name)' is not supported.")
        }
    }
}
