import Logging

/// DRF's `APIView`: the request lifecycle shared by every view. A fresh instance serves each
/// request. Configuration is read from class properties (DRF's class attributes) into instance
/// properties, which extra actions may override per action.
///
///     final class Health: APIView, GetHandler {
///         override class var permissionClasses: [any Permission]? { [AllowAny()] }
///         func get(_ request: Request) throws -> Response { Response(["status": "ok"]) }
///     }
///     let urls = try URLConf([.path("health/", Health.asView())])
open class APIView {
    // MARK: Class-level configuration (nil: the application's settings decide)

    open class var authenticationClasses: [any Authentication]? { nil }
    open class var permissionClasses: [any Permission]? { nil }
    open class var parserClasses: [any Parser]? { nil }
    open class var rendererClasses: [any Renderer]? { nil }
    /// Overrides the name derived from the class name ("User List").
    open class var viewName: String? { nil }
    /// DRF takes the docstring; Swift has none at run time, so a view states it.
    open class var viewDescription: String { "" }
    /// The transaction around each unsafe request (Django's `ATOMIC_REQUESTS`); nil: the
    /// settings' `atomicRequests`. `NonAtomicRequests()` opts this view out.
    open class var atomicRequests: (any AtomicRequests)? { nil }
    /// Whether this view writes on GET, HEAD or OPTIONS: then its safe requests read from the
    /// primary database too, not from a read replica (see "Read replicas" in docs/framework.md).
    /// Writes go to the primary whatever this says; a replica could miss what they wrote.
    open class var writesOnSafeMethods: Bool { false }
    /// DRF's `throttle_classes`; nil: the settings' `throttleClasses`.
    open class var throttleClasses: [any Throttle]? { nil }
    /// DRF's `throttle_scope`: the rate `ScopedRateThrottle` applies to this view.
    open class var throttleScope: String? { nil }
    /// DRF's `versioning_class`; nil: the settings' `versioningClass` (default none: no version).
    open class var versioningClass: (any Versioning)? { nil }

    // MARK: Instance configuration (what this request uses)

    public var authenticationClasses: [any Authentication]?
    public var permissionClasses: [any Permission]?
    public var parserClasses: [any Parser]?
    public var rendererClasses: [any Renderer]?
    /// This request's throttles and scope, when they differ from the class's (an extra action's);
    /// nil: the class's. Not copied at init, so views without throttles pay nothing for them.
    public var throttleClasses: [any Throttle]?
    public var throttleScope: String?
    /// This request's `writesOnSafeMethods` when it differs from the class's (an extra
    /// action's `writesOnSafeMethods:`); nil: the class's.
    public var writesOnSafeMethods: Bool?
    /// Name and description given when the view was bound (`as_view(name=...)`, extra actions).
    public var name: String?
    public var description: String?
    /// `suffix` given by the router ("List", "Instance").
    public var suffix: String?

    // MARK: Per-request state

    /// The request being served. Set before any hook runs.
    public internal(set) var request: Request!
    /// The application's settings.
    public internal(set) var settings = APISettings()
    /// The URL conf that routed this request: for `reverse` and `reverseAction`.
    public internal(set) var urls: URLConf?
    /// Django's `request.resolver_match.namespace`: the namespace of the `include` this view was
    /// mounted through (`v1`, nested `api:v1`); nil outside any. What `NamespaceVersioning` reads.
    public internal(set) var urlNamespace: String?
    /// URL keyword arguments (`pk`, ...), the format suffix excluded.
    public internal(set) var kwargs: [String: String] = [:]
    /// The format suffix from the URL (`.json`), DRF's `format_kwarg`.
    public internal(set) var formatKwarg: String?
    /// Headers added to every response of this view (DRF's `default_response_headers` extras).
    public var responseHeaders = Headers()
    /// A viewset's routing: its action map, basename, detail, extra action handlers, and the
    /// action of this request (`ViewSetMixin.action`). Nil for a plain view.
    public internal(set) var routing: ActionRouting?

    public required init() {
        let type = Self.self
        authenticationClasses = type.authenticationClasses
        permissionClasses = type.permissionClasses
        parserClasses = type.parserClasses
        rendererClasses = type.rendererClasses
    }

    /// Binds this view class for mounting in a URL conf (DRF's `as_view()`).
    public class func asView(name: String? = nil, description: String? = nil) -> ViewEndpoint {
        ViewEndpoint(viewType: self, actions: nil, initkwargs: ViewInitKwargs(name: name, description: description))
    }

    // MARK: Policy hooks (DRF's get_*)

    open func getAuthenticators() -> [any Authentication] { authenticationClasses ?? settings.authenticationClasses }
    open func getPermissions() -> [any Permission] { permissionClasses ?? settings.permissionClasses }
    open func getParsers() -> [any Parser] { parserClasses ?? settings.parserClasses }
    open func getRenderers() -> [any Renderer] { rendererClasses ?? settings.rendererClasses }
    open func getThrottles() -> [any Throttle] { throttleClasses ?? Self.throttleClasses ?? settings.throttleClasses }

    /// The handler for a method, or nil for a 405. HEAD falls back to GET; OPTIONS is `options`.
    /// A viewset answers with the action its routing maps to the method.
    open func handler(for method: HTTPMethod) -> RequestHandler? {
        if method != .options, let routing { return routing.handler(for: method, on: self) }
        switch method {
        case .get, .head: return (self as? GetHandler).map { view in view.get }
        case .post: return (self as? PostHandler).map { view in view.post }
        case .put: return (self as? PutHandler).map { view in view.put }
        case .patch: return (self as? PatchHandler).map { view in view.patch }
        case .delete: return (self as? DeleteHandler).map { view in view.delete }
        case .options: return { [unowned self] request in try self.options(request) }
        default: return nil
        }
    }

    /// Set by the endpoint that made this view: its per-endpoint memo.
    var endpointMemo: ViewMemo?

    /// The methods this view answers, in `Allow` order.
    ///
    /// Worked out once per mounted view (a `handler(for:)` per method, once paid by every
    /// request for its `Allow` header): the handlers depend on the view class and the
    /// endpoint's action map, not on the request.
    open var allowedMethods: [HTTPMethod] {
        guard let memo = endpointMemo else { return computeAllowedMethods() }
        return memo.allow.value { AllowedMethods(computeAllowedMethods()) }.methods
    }

    private func computeAllowedMethods() -> [HTTPMethod] {
        HTTPMethod.allowOrder.filter { handler(for: $0) != nil }
    }

    /// DRF's OPTIONS: the metadata class describes the view.
    open func options(_ request: Request) throws -> Response {
        Response(try settings.metadata.determineMetadata(request, view: self))
    }

    // MARK: Lifecycle hooks

    /// DRF's `initial`: negotiation (406, or a 404 for an unknown format), the version (404 or
    /// 406), then authentication (on every request, AllowAny views too), permissions, throttles.
    open func initial(_ request: Request) throws {
        try performContentNegotiation(request)
        (request.version, request.versioningScheme) = try determineVersion(request)
        try performAuthentication(request)
        try checkPermissions(request)
        try checkThrottles(request)
    }

    /// DRF's `determine_version`: the version the view's (else the settings') versioning scheme
    /// reads, and the scheme with its options filled from the settings; nil and nil without one.
    open func determineVersion(_ request: Request) throws -> (version: String?, scheme: (any Versioning)?) {
        guard var scheme = Self.versioningClass ?? settings.versioningClass else { return (nil, nil) }
        scheme.options = scheme.options.filled(from: settings)
        return (try scheme.determineVersion(request, view: self), scheme)
    }

    /// Every permission must pass; the first refusal answers (401 or 403).
    open func checkPermissions(_ request: Request) throws {
        for permission in getPermissions() where try !permission.hasPermission(request, view: self) {
            throw permissionDenied(request, message: permission.messageText, code: permission.codeText)
        }
    }

    /// Called by `get_object`-style code once the object is known.
    open func checkObjectPermissions(_ request: Request, object: Any) throws {
        for permission in getPermissions() where try !permission.hasObjectPermission(request, view: self, object: object) {
            throw permissionDenied(request, message: permission.messageText, code: permission.codeText)
        }
    }

    /// DRF's `check_throttles`: every throttle is asked; if any refuses, `throttled` answers with
    /// the longest wait. The `RateLimit-*` headers of the most restrictive one go on every response
    /// of this view (`ThrottleCheck`). No throttles: nothing to do.
    open func checkThrottles(_ request: Request) throws {
        let throttles = getThrottles()
        if throttles.isEmpty { return }
        if let wait = try ThrottleCheck.run(throttles, request: request, view: self) {
            throw throttled(request, wait: wait.seconds)
        }
    }

    /// DRF's `throttled`: the error a refused request raises (`Throttled`, a 429 with `Retry-After`).
    open func throttled(_ request: Request, wait: Double?) -> any Error { Throttled(waitSeconds: wait) }

    /// DRF's `handle_exception`: 401s get `WWW-Authenticate` from the first authenticator, or
    /// become 403 when it has none; the exception handler answers; anything it leaves is a 500.
    open func handleException(_ error: any Error) -> Response {
        var error = error
        if error is NotAuthenticated || error is AuthenticationFailed {
            if let request, let header = getAuthenticators().first?.authenticateHeader(request) {
                let exception = error as! any APIException
                var headers = exception.headers
                headers["WWW-Authenticate"] = header
                error = APIError(status: exception.statusCode, detail: exception.detail, code: exception.code, headers: headers)
            } else {
                let exception = error as! any APIException
                error = APIError(status: 403, detail: exception.detail, code: exception.code)
            }
        }
        if let response = settings.exceptionHandler(error, self) { return response }
        let message = "Unhandled error in \(Self.self): \(String(reflecting: error))"
        if let errorLog = settings.errorLog {
            errorLog(message)
        } else {
            (request?.logger ?? Logger(label: Request.loggerLabel)).error("\(message)")
        }
        return Response(["detail": "A server error occurred."], status: 500)
    }

    /// DRF's `finalize_response`: negotiation for errors raised before it, `Allow`, `Vary`.
    open func finalizeResponse(_ request: Request, _ response: Response) -> Response {
        var response = response
        if request.acceptedRenderer == nil { try? performContentNegotiation(request, force: true) }
        let methods = allowedMethods
        // The memo's header when the methods are the memo's (no override): the same array buffer,
        // which `==` sees without comparing elements.
        if let allowed = endpointMemo?.allow.peek, allowed.methods == methods {
            response.headers["Allow"] = allowed.header
        } else {
            response.headers["Allow"] = AllowedMethods.header(methods)
        }
        if getRenderers().count > 1 {
            response.headers["Vary"] = request.sessionAccessed ? "Accept, Cookie" : "Accept"
        } else if request.sessionAccessed {
            response.headers["Vary"] = "Cookie"
        }
        for field in responseHeaders { response.headers[field.name] = field.value }
        return response
    }

    // MARK: Names

    /// DRF's `get_view_name`: the bound name, else the class name without `View`/`ViewSet`, in
    /// words, plus the suffix ("User List").
    open func getViewName() -> String {
        if let name { return name }
        if let name = Self.viewName { return name }
        return ViewNaming.viewName(forClassName: ViewNaming.className(of: Self.self), suffix: suffix)
    }

    open func getViewDescription() -> String { description ?? Self.viewDescription }
}
