/// What the generator reads of a generic view once it is set up for an operation: DRF's
/// `get_serializer_class()`, `paginator` and `filter_backends` (drf-spectacular's
/// `AutoSchema` reads the same). The generic views adopt it; a hand-written view states its
/// schema with `SchemaDescribedView` instead.
protocol SchemaInspectable: APIView {
    var schemaSerializerClass: Serializer.Type? { get }
    var schemaPaginator: (any Paginator)? { get }
    var schemaFilterBackends: [any FilterBackend] { get }
    /// django-filter's field `name` of the view's model, typed.
    func schemaFilterField(named name: String) -> FilterField?
    /// Whether the detail actions answer conditional requests (`conditionalRequests`).
    var schemaConditionalRequests: Bool { get }
}

extension GenericAPIView: SchemaInspectable {
    var schemaSerializerClass: Serializer.Type? { try? getSerializerClass() }
    /// The paginator, when it would paginate (a page size in force).
    var schemaPaginator: (any Paginator)? {
        guard let paginator, !(paginator is NoPagination), (paginator.pageSize ?? settings.pageSize) != nil else { return nil }
        return paginator
    }
    var schemaFilterBackends: [any FilterBackend] { filterBackends }
    var schemaConditionalRequests: Bool { Self.conditionalRequests != nil }
    func schemaFilterField(named name: String) -> FilterField? {
        if let source = Q.self as? any FilterFieldSchemaSource.Type { return source.schemaFilterField(named: name) }
        return (queryset as? any FilterFieldDescribing)?.filterField(named: name)
    }
}
