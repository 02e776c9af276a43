/// DRF's `GenericViewSet`: `GenericAPIView` + `ViewSetMixin`, with no actions of its own;
/// the model mixins and `ModelViewSet` add them. The hooks and their configuration are
/// `GenericAPIView`'s; this class adds what routers read.
///
///     final class UserViewSet: ModelViewSet<QuerySet<User>> {
///         override class var queryset: QuerySet<User>? { User.objects.orderBy("id") }
///         override class var serializerClass: Serializer.Type? { UserSerializer.self }
///     }
open class GenericViewSet<Q: Queryable>: GenericAPIView<Q>, ViewSetMixin {
    open class var extraActions: [ExtraAction] { [] }
    open class var lookupValueRegex: String? { nil }
}
