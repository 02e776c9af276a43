/// DRF's `ViewSet`: `APIView` + `ViewSetMixin`, with no actions of its own: a viewset whose
/// actions are written by hand.
///
///     // `SimpleUserViewSet` (see `ListAction`) without a router:
///     try URLConf([.path("users/", SimpleUserViewSet.asView([.get: .list]))])
open class ViewSet: APIView, ViewSetMixin {
    // MARK: What routers read (DRF reads these attributes with getattr on the viewset class)

    open class var extraActions: [ExtraAction] { [] }
    open class var lookupField: String { "pk" }
    open class var lookupURLKwarg: String? { nil }
    open class var lookupValueRegex: String? { nil }
    open class var querysetModelName: String? { nil }
}
