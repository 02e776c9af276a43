/// One operation of the document (drf-spectacular's `AutoSchema.get_operation`): a view made
/// for the method as a request would make it (action, extra action's overrides, settings),
/// then read: its serializer, paginator, filter backends, authenticators and permissions.
struct OperationBuilder {
    let pattern: URLPattern
    let path: String
    let method: HTTPMethod
    let prefix: String
    let settings: APISettings
    let urls: URLConf

    /// The operation object; components it needs are added to `components`.
    func operation(components: inout SchemaComponents, securitySchemes: inout [String: JSON]) -> JSON {
        let view = pattern.endpoint.makeView()
        view.settings = settings
        view.urls = urls
        let request = Request(method: method, path: path)
        view.request = request
        view.routing?.startRequest(method)
        let action = view.routing?.action
        let override = extendSchema(view: view, action: action)
        let inspectable = view as? any SchemaInspectable
        let serializer = inspectable?.schemaSerializerClass
        let detail = view.routing?.detail ?? !pattern.pattern.parameterNames.isEmpty
        let isExtra: Bool
        if case .extra? = action { isExtra = true } else { isExtra = false }
        // A list: DRF's `list`, or (as drf-spectacular guesses) an extra action's GET on the list route.
        let isList = action == .list || (isExtra && method == .get && !detail && override?.responses == nil)
        let paginator = isList ? inspectable?.schemaPaginator : nil

        var operation = JSONObject()
        // An action stated to answer a list is a list too (drf-spectacular: a `many=True` serializer).
        let answersList =
            override?.responses?.values.contains {
                switch $0 {
                case .list, .paginatedList: return true
                default: return false
                }
            } ?? false
        operation["operationId"] = .string(
            OperationID.make(path: path, prefix: prefix, method: method, isList: isList || (method == .get && answersList)))
        let description = override?.description ?? view.getViewDescription()
        if !description.isEmpty { operation["description"] = .string(description) }
        if let summary = override?.summary { operation["summary"] = .string(summary) }
        if let tag = OperationID.pathTokens(path, prefix: prefix).first { operation["tags"] = [.string(tag)] }

        // Parameters: the path's, then the query's by name.
        var parameters = pathParameters(view: view, serializer: serializer)
        var query: [JSON] = override?.parameters ?? []
        var usesFilterForm = false
        if override?.filters ?? (action == .list), let inspectable {
            let backends = inspectable.schemaFilterBackends
            query += FilterSchema.parameters(of: backends, view: view, request: request) { inspectable.schemaFilterField(named: $0) }
            usesFilterForm = backends.contains { $0 is DjangoFilterBackend } && (view is any FilterableView)
        }
        // The paginator of a list, or of an override's paginated body.
        let pagedByOverride =
            override?.responses?.values.contains { if case .paginatedList = $0 { return true } else { return false } } ?? false
        let pager = paginator ?? (pagedByOverride ? inspectable?.schemaPaginator : nil)
        if let pager { query += PaginationSchema.parameters(of: pager) }
        parameters += query.sorted { ($0["name"]?.stringValue ?? "") < ($1["name"]?.stringValue ?? "") }
        // Conditional requests: the detail actions that read or write the object take the
        // precondition headers (`ConditionalRequests`).
        let conditional = ConditionalSchema.applies(to: action, inspectable?.schemaConditionalRequests == true)
        if conditional { parameters += ConditionalSchema.parameters }
        if !parameters.isEmpty { operation["parameters"] = .array(parameters) }

        // The request body.
        let requestBody: SchemaBody
        if let body = override?.request {
            requestBody = body
        } else if [.post, .put, .patch].contains(method), let serializer {
            requestBody = .serializer(serializer)
        } else {
            requestBody = .none
        }
        let requestSchema = bodySchema(requestBody, direction: .request, partial: method == .patch, pager: pager, components: &components)
        if let requestSchema {
            let types = view.getParsers().map(\.mediaType)
            operation["requestBody"] = .object(
                JSONObject([
                    ("content", .object(JSONObject(types.map { ($0, ["schema": requestSchema]) }))),
                    ("required", .bool(method != .patch)),
                ]))
        }

        // The answers: the successful ones, then the errors this view can give.
        var responses: [(Int, JSON)] = []
        let successes =
            override?.responses ?? defaultResponses(action: action, isList: isList, paginated: paginator != nil, serializer: serializer)
        let mediaTypes = responseMediaTypes(view)
        for (status, body) in successes.sorted(by: { $0.key < $1.key }) {
            var response = JSONObject([("description", .string(Self.statusDescription(status)))])
            if let schema = bodySchema(body, direction: .response, partial: false, pager: pager, components: &components) {
                response["content"] = .object(JSONObject(mediaTypes.map { ($0, ["schema": schema]) }))
            }
            // A tagged GET's 200 carries its `ETag`.
            if conditional && method == .get && status == 200 { response["headers"] = ConditionalSchema.etagHeaders }
            responses.append((status, .object(response)))
        }
        if conditional && method == .get { responses.append((304, ConditionalSchema.notModified)) }
        let authenticators = view.getAuthenticators()
        let permissions = view.getPermissions()
        var errors: Set<Int> = []
        if requestSchema != nil || usesFilterForm { errors.insert(400) }
        if !authenticators.isEmpty {
            // Bad credentials are a 401; DRF makes it a 403 when the first class names no scheme.
            errors.insert(authenticators[0].authenticateHeader(request) != nil ? 401 : 403)
        }
        if !permissions.allSatisfy({ $0 is AllowAny }) { errors.insert(403) }
        if !pattern.pattern.parameterNames.isEmpty || pager != nil { errors.insert(404) }
        if conditional { errors.insert(412) }
        // DRF's `Throttled`: any of the view's throttles may refuse.
        if !view.getThrottles().isEmpty { errors.insert(429) }
        for status in errors.sorted() where !successes.keys.contains(status) {
            let schema = components.register(
                status == 400 ? ErrorSchemas.validationName : ErrorSchemas.detailName,
                status == 400 ? ErrorSchemas.validation : ErrorSchemas.detail)
            var response = JSONObject([
                ("description", .string(ErrorSchemas.descriptions[status] ?? "")),
                ("content", .object(JSONObject(mediaTypes.map { ($0, ["schema": schema]) }))),
            ])
            if status == 429 { response["headers"] = ErrorSchemas.retryAfterHeaders }
            responses.append((status, .object(response)))
        }
        responses.sort { $0.0 < $1.0 }
        operation["responses"] = .object(JSONObject(responses.map { (String($0.0), $0.1) }))

        // Security: each class that names a scheme, and `{}` when anonymous requests pass.
        var security: [JSON] = []
        for case let scheme as any OpenAPISecurityScheme in authenticators {
            securitySchemes[scheme.openAPISecuritySchemeName] = scheme.openAPISecurityScheme
            security.append(.object(JSONObject([(scheme.openAPISecuritySchemeName, JSON.array([]))])))
        }
        if anonymousAllowed(permissions, request: request, view: view) { security.append(.object(JSONObject())) }
        if !security.isEmpty { operation["security"] = .array(security) }
        return .object(operation)
    }

    /// The override the view or its extra action states for this method, if any.
    func extendSchema(view: APIView, action: ViewSetAction?) -> ExtendSchema? {
        if case .extra(let name)? = action, let viewset = type(of: view) as? any ViewSetMixin.Type {
            for extra in viewset.getExtraActions() { if let schema = extra.schemas[name] { return schema } }
        }
        return (type(of: view) as? any SchemaDescribedView.Type)?.extendSchema(method: method, action: action)
    }

    func defaultResponses(action: ViewSetAction?, isList: Bool, paginated: Bool, serializer: Serializer.Type?) -> [Int: SchemaBody] {
        if method == .delete { return [204: .none] }
        guard let serializer else { return [200: .schema(.object(JSONObject()))] }
        if isList { return [200: paginated ? .paginatedList(serializer) : .list(serializer)] }
        return [action == .create ? 201 : 200: .serializer(serializer)]
    }

    func bodySchema(
        _ body: SchemaBody, direction: SchemaDirection, partial: Bool, pager: (any Paginator)?, components: inout SchemaComponents
    ) -> JSON? {
        switch body {
        case .none: return nil
        case .schema(let schema): return schema
        case .serializer(let type): return components.reference(to: type, direction: direction, partial: partial)
        case .list(let type): return ["type": "array", "items": components.reference(to: type, direction: direction, partial: partial)]
        case .paginatedList(let type):
            let items: JSON = ["type": "array", "items": components.reference(to: type, direction: direction, partial: false)]
            guard let pager else { return items }
            let envelope = PaginationSchema.envelope(of: pager, results: items)
            var name = envelope.prefix + components.baseName(of: type) + "List"
            if let existing = components.schemas[name], existing != envelope.schema {
                name = envelope.prefix + components.baseName(of: type) + String(describing: Swift.type(of: pager)) + "List"
            }
            return components.register(name, envelope.schema)
        }
    }

    /// Path parameters in pattern order, typed from the serializer's lookup field when the
    /// view has one (`pk` is the `id` field), else from the URL converter.
    func pathParameters(view: APIView, serializer: Serializer.Type?) -> [JSON] {
        let viewset = type(of: view) as? any ViewSetMixin.Type
        let lookupKwarg = viewset.map { $0.lookupURLKwarg ?? $0.lookupField }
        var parameters: [JSON] = []
        for token in pattern.pattern.tokens {
            guard case .parameter(let name, let matcher) = token else { continue }
            var schema: JSON
            switch matcher {
            case .int: schema = ["type": "integer"]
            case .slug: schema = ["type": "string", "pattern": "^[-a-zA-Z0-9_]+$"]
            case .lookup: schema = ["type": "string", "pattern": "^[^/.]+$"]
            default: schema = ["type": "string"]
            }
            if name == lookupKwarg, let viewset, let serializer {
                let fieldName = viewset.lookupField == "pk" ? "id" : viewset.lookupField
                var scratch = SchemaComponents()
                if let field = serializer.init().fields.first(where: { $0.name == fieldName }) {
                    let typed = FieldSchema.baseSchema(for: field, direction: .response, components: &scratch)
                    // A key of a type the URL can carry; a string keeps the converter's pattern.
                    if typed["type"] == "integer" || typed["format"] == "uuid" { schema = typed }
                }
            }
            parameters.append(
                .object(JSONObject([("name", .string(name)), ("in", "path"), ("required", true), ("schema", schema)])))
        }
        return parameters
    }

    func responseMediaTypes(_ view: APIView) -> [String] {
        let types = view.getRenderers().map(\.mediaType).filter { $0 != "text/html" }
        return types.isEmpty ? ["application/json"] : types
    }

    /// Whether a request without credentials passes the permissions (drf-spectacular adds `{}`
    /// for `AllowAny` and `IsAuthenticatedOrReadOnly`); a permission that cannot decide without
    /// a real request (it throws) counts as refusing.
    func anonymousAllowed(_ permissions: [any Permission], request: Request, view: APIView) -> Bool {
        permissions.allSatisfy { permission in (try? permission.hasPermission(request, view: view)) ?? false }
    }

    static func statusDescription(_ status: Int) -> String {
        switch status {
        case 200: return "OK"
        case 201: return "Created"
        case 204: return "No response body"
        default: return "Status \(status)"
        }
    }
}
