/// django-filter's `DjangoFilterBackend` with a view's `filtersetFields`: `?status=active`,
/// `?budget__gte=1000`, `?status__in=planned,active`, `?lead__username=ada` filter the list by
/// the view's declared fields and lookups, each value read as the field's type.
///
///     final class ProjectViewSet: ModelViewSet<QuerySet<Project>>, FilterableView {
///         override class var filterBackends: [any FilterBackend]? { [DjangoFilterBackend(), SearchFilter(), OrderingFilter()] }
///         var filtersetFields: FiltersetFields { ["status": ["exact", "in"], "budget": ["gte", "lte"], "account": ["exact"]] }
///     }
///
/// As django-filter does it:
/// - An invalid value is a 400 naming each bad parameter with its Django form field's message,
///   in the order the fields are declared: `{"status":["Select a valid choice. x is not one of
///   the available choices."],"budget__gte":["Enter a number."]}`.
/// - A parameter the view does not declare is ignored; an empty value filters nothing; of a
///   repeated parameter the last value counts.
/// - `exact` on a field with choices accepts only those; a foreign key (`account=7`) must name a
///   row of the related table ("Select a valid choice. That choice is not one of the available
///   choices."); `in` takes a comma-separated list, `range` two values, `isnull` a boolean.
/// - Booleans are read as DRF's `BooleanWidget` reads them: `true`/`false`/`1`/`0` in any case;
///   anything else does not filter.
///
/// The queryset must describe its model's fields (`FilterFieldDescribing`): the model layer's
/// `QuerySet` does from its columns and relations: a name across relations (`lead__username`,
/// `tags__slug`) is the last model's column, a relation's name (`project`) its foreign key. A declared field the model does not have is a configuration error, as
/// django-filter's "'Meta.fields' must not contain non-model field names".
public struct DjangoFilterBackend: FilterBackend {
    public init() {}

    public func filterQueryset<Q: Queryable>(_ request: Request, _ queryset: Q, view: APIView) throws -> Q {
        guard let fields = (view as? any FilterableView)?.filtersetFields, !fields.fields.isEmpty else { return queryset }
        guard let describing = queryset as? any FilterFieldDescribing else {
            throw ImproperlyConfigured(
                "DjangoFilterBackend needs a queryset that describes its fields (FilterFieldDescribing); \(Q.self) does not.")
        }
        var predicates: [Predicate] = []
        var errors: [(String, JSON)] = []
        for filter in try getFilters(fields, describing) {
            // Django's QueryDict.get: the last value of the parameter.
            guard let text = request.query[filter.name] else { continue }
            let result = try filter.predicate(for: text) { key in
                try describing.relatedRowExists(field: filter.field, key: key)
            }
            switch result {
            case .success(let predicate?): predicates.append(predicate)
            case .success(nil): break
            case .failure(let invalid): errors.append((filter.name, .array([.string(invalid.message)])))
            }
        }
        if !errors.isEmpty { throw ValidationError(.object(JSONObject(errors))) }
        return predicates.isEmpty ? queryset : queryset.filter(.and(predicates))
    }

    /// django-filter's `get_filters` for an automatic filterset: a filter per field and lookup,
    /// in declaration order.
    func getFilters(_ fields: FiltersetFields, _ queryset: any FilterFieldDescribing) throws -> [FieldFilter] {
        var filters: [FieldFilter] = []
        for (field, lookups) in fields.fields {
            guard let info = queryset.filterField(named: field) else {
                throw ImproperlyConfigured("'filtersetFields' must not contain non-model field names: \(field)")
            }
            for lookup in lookups {
                guard FieldFilter.lookups.contains(lookup) else {
                    throw ImproperlyConfigured("Unsupported lookup '\(lookup)' for field '\(field)' in 'filtersetFields'.")
                }
                filters.append(
                    FieldFilter(name: FiltersetFields.filterName(field: field, lookup: lookup), field: field, lookup: lookup, info: info))
            }
        }
        return filters
    }
}
