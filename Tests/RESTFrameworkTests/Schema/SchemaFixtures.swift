@testable import RESTFramework

/// A small API for the generator's tests: a gadget viewset with a serializer whose read-only
/// and write-only fields differ, an extra action with its own serializer and paginator, a
/// nested serializer, filter backends, and token plus Basic authentication.
enum SchemaFixtures {
    final class OwnerSerializer: Serializer {
        override class var fields: [any SerializerField] { [IntegerField("id", readOnly: true), CharField("username", maxLength: 150)] }
    }

    final class GadgetSerializer: Serializer {
        override class var fields: [any SerializerField] {
            [
                HyperlinkedIdentityField("url", viewName: "gadget-detail"),
                UUIDField("id", readOnly: true),
                CharField("name", maxLength: 100),
                ChoiceField("size", choices: ["s", "m", "l"], required: false),
                DecimalField("price", maxDigits: 8, decimalPlaces: 2, required: false, allowNull: true),
                DateField("ships", required: false, allowNull: true),
                DurationField("warranty", required: false),
                NestedSerializerField("owner", OwnerSerializer.self, readOnly: true),
                CharField("secret", writeOnly: true),
                DateTimeField("created", readOnly: true),
            ]
        }
    }

    final class NoteSerializer: Serializer {
        override class var fields: [any SerializerField] { [CharField("text", maxLength: 20)] }
    }

    final class GadgetViewSet: ModelViewSet<InMemoryQuerySet<Widget>>, SearchableView, OrderableView {
        override class var queryset: InMemoryQuerySet<Widget>? { InMemoryQuerySet([]) }
        override class var serializerClass: Serializer.Type? { GadgetSerializer.self }
        override class var filterBackends: [any FilterBackend]? { [SearchFilter(), OrderingFilter()] }
        var searchFields: [String] { ["name"] }
        var orderingFields: [String]? { ["name", "created"] }
        var ordering: [String]? { nil }

        override class var extraActions: [ExtraAction] {
            [
                .action(
                    "notes", detail: true, configure: { (view: GadgetViewSet) in view.paginationClass = { LimitOffsetPagination() } },
                    schema: ExtendSchema(responses: [200: .paginatedList(NoteSerializer.self)])
                ) { (_: GadgetViewSet, _) in Response([]) },
                .action("archive", detail: true, methods: [.post], schema: ExtendSchema(request: SchemaBody.none)) {
                    (_: GadgetViewSet, _) in Response([:])
                },
            ]
        }
    }

    static func urls() throws -> URLConf {
        var router = DefaultRouter()
        try router.register("gadgets", GadgetViewSet.self, basename: "gadget")
        return try URLConf([.include("api/", router), .path("api/schema/", SchemaView.asView(), name: "schema")])
    }

    static func settings() -> APISettings {
        var settings = APISettings()
        settings.authenticationClasses = [
            TokenAuthentication(store: InMemoryTokenStore([:])),
            BasicAuthentication(store: InMemoryUserStore([]), hasher: PasswordHasher(iterations: 1)),
        ]
        settings.permissionClasses = [IsAuthenticated()]
        settings.pageSize = 10
        settings.paginationClass = { PageNumberPagination(pageSizeQueryParam: "page_size") }
        return settings
    }
}
