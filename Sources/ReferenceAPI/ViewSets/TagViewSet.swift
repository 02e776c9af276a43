import RESTFramework
import RESTModels

/// `tags`: looked up by slug, a plain JSON array in slug order (no pagination); everyone signed
/// in reads, staff write.
final class TagViewSet: ModelViewSet<QuerySet<Tag>> {
    override class var queryset: QuerySet<Tag>? { Tag.objects.orderBy("slug") }
    override class var serializerClass: Serializer.Type? { TagSerializer.self }
    override class var permissionClasses: [any Permission]? { [IsAuthenticated(), IsStaffOrReadOnly()] }
    override class var paginationClass: PaginatorFactory? { NoPagination.factory }
    override class var lookupField: String { "slug" }
}
