import RESTFramework

/// The OpenAPI document types django-filter's parameters from the model's columns even for a
/// view whose queryset is made per request (`getQueryset()`): the description needs only the
/// model, not rows.
extension QuerySet: FilterFieldSchemaSource {
    public static func schemaFilterField(named name: String) -> FilterField? {
        QuerySet<M>().filterField(named: name)
    }
}
