/// A view whose OPTIONS answer lists the fields POST and PUT accept: what DRF's `SimpleMetadata`
/// finds on generic views (`get_serializer`, `get_object`). The model layer's generic views
/// adopt it; a hand-written view may too.
///
///     final class NoteForm: APIView, PostHandler, ActionsMetadataProviding {
///         func post(_ request: Request) throws -> Response { Response(status: 201) }
///         func serializerInfo(for method: HTTPMethod) throws -> JSON? {
///             FieldInfo.describe([
///                 ("id", FieldInfo(name: "id", type: .integer, readOnly: true)),
///                 ("title", FieldInfo(name: "title", type: .string, required: true, maxLength: 200)),
///             ])
///         }
///     }
public protocol ActionsMetadataProviding: APIView {
    /// DRF's `get_serializer_info(get_serializer())`: field name → `FieldInfo.json`, in field
    /// order; nil leaves `method` out. Called only once the user passed the checks for `method`.
    func serializerInfo(for method: HTTPMethod) throws -> JSON?

    /// For PUT, DRF's `get_object()` on the cloned request: look the object up and check object
    /// permissions. Throwing `NotFound`/`PermissionDenied` (any 4xx) leaves PUT out. `view.request`
    /// is the clone while this runs. The default has no object to check.
    func checkObjectForMetadata(_ request: Request) throws
}

extension ActionsMetadataProviding {
    public func checkObjectForMetadata(_ request: Request) throws {}
}
