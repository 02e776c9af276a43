/// The query parameters a view's filter backends read (drf-spectacular's
/// `get_schema_operation_parameters` and django-filter's extension): `?search=`, `?ordering=`
/// (an enum of the fields, `-` for descending, comma-separated), and a parameter per
/// django-filter field and lookup, typed from the model's column. Another backend adopts
/// `OpenAPIFilterDescribing`.
///
///     let query = FilterSchema.parameters(of: [SearchFilter(), OrderingFilter()], view: self, request: request) { _ in nil }
public protocol OpenAPIFilterDescribing: FilterBackend {
    func openAPIQueryParameters(view: APIView) -> [JSON]
}

/// A queryset type that describes its model's fields without an instance (the model layer's
/// `QuerySet`), so the schema can type django-filter's parameters of a view whose queryset is
/// made per request.
public protocol FilterFieldSchemaSource {
    static func schemaFilterField(named name: String) -> FilterField?
}

public enum FilterSchema {
    public static func parameters(
        of backends: [any FilterBackend], view: APIView, request: Request, fields: (String) -> FilterField?
    ) -> [JSON] {
        var parameters: [JSON] = []
        for backend in backends {
            switch backend {
            case let described as any OpenAPIFilterDescribing: parameters += described.openAPIQueryParameters(view: view)
            case let search as SearchFilter:
                guard !search.getSearchFields(view: view, request: request).isEmpty else { continue }
                parameters.append(PaginationSchema.query(search.searchParam, "A search term.", ["type": "string"]))
            case let ordering as OrderingFilter:
                let valid = ordering.getValidFields(view: view)
                guard !valid.isEmpty else { continue }
                let terms = valid.flatMap { [JSON.string("-" + $0), .string($0)] }.sorted {
                    ($0.stringValue ?? "") < ($1.stringValue ?? "")
                }
                parameters.append(
                    explodedList(
                        PaginationSchema.query(
                            ordering.orderingParam, "Which field to use when ordering the results.",
                            ["type": "array", "items": ["type": "string", "enum": .array(terms)]])))
            case is DjangoFilterBackend:
                guard let declared = (view as? any FilterableView)?.filtersetFields else { continue }
                for (field, lookups) in declared.fields {
                    let info = fields(field)
                    for lookup in lookups {
                        parameters.append(djangoFilterParameter(field: field, lookup: lookup, info: info))
                    }
                }
            default:
                continue
            }
        }
        return parameters
    }

    /// One django-filter parameter: `status` (its choices), `budget__gte` (a number),
    /// `status__in` (a comma-separated list), `due__isnull` (a boolean).
    static func djangoFilterParameter(field: String, lookup: String, info: FilterField?) -> JSON {
        let name = FiltersetFields.filterName(field: field, lookup: lookup)
        var value = info.map(valueSchema) ?? ["type": "string"]
        if lookup == "exact", let choices = info?.choices, !choices.isEmpty {
            value = FieldSchema.merged(value, ["enum": .array(choices.map(\.json))])
        }
        switch lookup {
        case "isnull":
            return PaginationSchema.query(name, "", ["type": "boolean"])
        case "in":
            return explodedList(
                PaginationSchema.query(name, "Multiple values may be separated by commas.", ["type": "array", "items": value]))
        case "range":
            return explodedList(
                PaginationSchema.query(
                    name, "Two values separated by a comma.", ["type": "array", "items": value, "minItems": 2, "maxItems": 2]))
        case "contains", "icontains", "startswith", "istartswith", "endswith", "iendswith", "iexact", "regex", "iregex":
            return PaginationSchema.query(name, "", ["type": "string"])
        default:
            return PaginationSchema.query(name, "", value)
        }
    }

    static func valueSchema(_ info: FilterField) -> JSON {
        switch info.kind {
        case .text: return ["type": "string"]
        case .number(.integer): return ["type": "integer"]
        case .number: return ["type": "number"]
        case .boolean: return ["type": "boolean"]
        case .dateTime: return ["type": "string", "format": "date-time"]
        case .date: return ["type": "string", "format": "date"]
        case .time: return ["type": "string", "format": "time"]
        case .uuid: return ["type": "string", "format": "uuid"]
        case .duration: return ["type": "string"]
        }
    }

    /// `style: form, explode: false`: one parameter with the values joined by commas.
    static func explodedList(_ parameter: JSON) -> JSON {
        FieldSchema.merged(parameter, ["style": "form", "explode": false])
    }
}
