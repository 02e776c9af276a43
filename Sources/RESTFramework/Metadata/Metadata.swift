/// What OPTIONS answers: DRF's metadata classes.
public protocol Metadata: Sendable {
    func determineMetadata(_ request: Request, view: APIView) throws -> JSON
}

/// DRF's `SimpleMetadata`: `name`, `description`, `renders`, `parses` and, for views that
/// describe their serializer (`ActionsMetadataProviding`), `actions` with the fields of each of
/// POST and PUT the route maps and the user may use. Never a 404: a failed object lookup only
/// leaves PUT out. For example (not compiled: a request and its response):
///
///     // OPTIONS /api/users/ as staff:
///     // {"name":"User List","description":"","renders":["application/json","text/html"],
///     //  "parses":["application/json","application/x-www-form-urlencoded","multipart/form-data"],
///     //  "actions":{"POST":{"id":{"type":"integer","required":false,"read_only":true,"label":"ID"}, ...}}}
public struct SimpleMetadata: Metadata {
    public init() {}

    public func determineMetadata(_ request: Request, view: APIView) throws -> JSON {
        var metadata = JSONObject([
            ("name", .string(view.getViewName())),
            ("description", .string(view.getViewDescription())),
            ("renders", .array(view.getRenderers().map { .string($0.mediaType) })),
            ("parses", .array(view.getParsers().map { .string($0.mediaType) })),
        ])
        if let provider = view as? any ActionsMetadataProviding {
            let actions = try determineActions(request, view: provider)
            if !actions.isEmpty { metadata["actions"] = .object(actions) }
        }
        return .object(metadata)
    }

    /// DRF's `determine_actions`: for POST and PUT (when the route maps them), run the
    /// permission checks on a copy of the request with that method (for PUT also the object
    /// lookup and object permissions); a method whose checks refuse (any 4xx `APIException`) is
    /// left out. Errors of the server (5xx, anything else) propagate rather than hiding the
    /// method. DRF iterates a Python set here; POST comes before PUT.
    public func determineActions(_ request: Request, view: any ActionsMetadataProviding) throws -> JSONObject {
        var actions = JSONObject()
        let allowed = view.allowedMethods
        for method in [HTTPMethod.post, .put] where allowed.contains(method) {
            let clone = request.cloned(method: method)
            view.request = clone
            defer { view.request = request }
            do {
                try view.checkPermissions(clone)
                if method == .put { try view.checkObjectForMetadata(clone) }
            } catch let refusal as any APIException where refusal.statusCode < 500 {
                continue
            }
            if let info = try view.serializerInfo(for: method) { actions[method.rawValue] = info }
        }
        return actions
    }
}
