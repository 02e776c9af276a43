/// DRF's request lifecycle: `dispatch` → `initial` (negotiation, authentication, permissions,
/// throttles) → handler → `handleException` → `finalizeResponse`. The steps are `open` hooks on
/// `APIView`; this file holds the entry point and the parts nobody overrides.
extension APIView {
    /// Serves one request with this (fresh) view. Never throws: every error becomes a response.
    public func dispatch(_ request: Request, kwargs: [String: String] = [:], format: String? = nil) -> Response {
        self.request = request
        self.kwargs = kwargs
        self.formatKwarg = format
        request.urlKwargs = kwargs
        request.format = format
        request.parsers = getParsers()
        request.dataUploadMaxNumberFields = settings.dataUploadMaxNumberFields
        routing?.startRequest(request.method)
        // Read replicas: a safe request of a view that writes reads from the primary.
        if request.method.isSafe, writesOnSafeMethods ?? Self.writesOnSafeMethods { request.readsFromPrimary = true }
        var response: Response
        do {
            // Django counts the query string against the same limit when `request.GET` is first
            // read, which DRF's content negotiation does first thing in `initial`.
            if let limit = request.dataUploadMaxNumberFields, QueryDict.fieldCount(request.queryString) > limit {
                throw TooManyFieldsSent()
            }
            // Reads take no transaction (Django's ATOMIC_REQUESTS would; nothing to commit).
            if !request.method.isSafe, let atomic = Self.atomicRequests ?? settings.atomicRequests {
                response = try atomic.atomic(request) { try initialAndHandle(request) }
            } else {
                response = try initialAndHandle(request)
            }
        } catch {
            response = handleException(error)
        }
        return finalizeResponse(request, response)
    }

    /// `initial`, then the method's handler (or a 405).
    private func initialAndHandle(_ request: Request) throws -> Response {
        try initial(request)
        guard let handler = handler(for: request.method) else { throw MethodNotAllowed(request.method) }
        return try handler(request)
    }

    /// DRF's `perform_authentication`: the first authenticator that returns a user wins; one
    /// that throws leaves the request anonymous and fails it. A user forced by a test client
    /// (`Request.forcedAuthentication`) wins over them all.
    public func performAuthentication(_ request: Request) throws {
        // DRF's `Request.__init__`: a forced user replaces the authenticators.
        if let forced = request.forcedAuthentication {
            request.user = forced.user
            request.auth = forced.token
            request.successfulAuthenticator = forced
            return
        }
        for authenticator in getAuthenticators() {
            do {
                if let result = try authenticator.authenticate(request) {
                    request.user = result.user
                    request.auth = result.auth
                    request.successfulAuthenticator = authenticator
                    return
                }
            } catch {
                request.user = AnonymousUser()
                request.auth = nil
                throw error
            }
        }
        request.user = AnonymousUser()
        request.auth = nil
    }

    /// DRF's `permission_denied`: 401 when authentication could have helped, else 403.
    public func permissionDenied(_ request: Request, message: String? = nil, code: String? = nil) -> any Error {
        if !getAuthenticators().isEmpty && request.successfulAuthenticator == nil {
            return NotAuthenticated()
        }
        return PermissionDenied(message, code: code)
    }

    /// DRF's `perform_content_negotiation`; with `force`, falls back to the first renderer.
    public func performContentNegotiation(_ request: Request, force: Bool = false) throws {
        let renderers = getRenderers()
        do {
            let chosen = try ContentNegotiation.select(
                request: request, renderers: renderers, formatSuffix: formatKwarg,
                overrideParameter: settings.urlFormatOverride)
            request.acceptedRenderer = chosen.renderer
            request.acceptedMediaType = chosen.mediaType
        } catch {
            guard force, let first = renderers.first else { throw error }
            request.acceptedRenderer = first
            request.acceptedMediaType = first.mediaType
        }
    }

    /// Renders a finalized response for the wire (HEAD keeps the headers, drops the body).
    public func render(_ response: Response) -> RenderedResponse {
        ResponseRendering.render(response, request: request, view: self)
    }
}
