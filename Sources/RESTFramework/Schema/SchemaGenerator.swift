/// DRF's `generateschema` and drf-spectacular's `SchemaGenerator`: an OpenAPI 3.1 document of
/// every route of a URL conf (the router's viewsets with their extra actions, plain views), from
/// the views' serializers, paginators, filter backends, authentication and permission classes.
/// Views that adopt `SchemaExcludedView` (the API root, `SchemaView`) are left out.
///
///     let generator = SchemaGenerator(title: "Reference API", version: "1.0.0")
///     let document = generator.document(for: application)
///     FileManager.default.createFile(atPath: "openapi.json", contents: Data(SchemaGenerator.render(document)))
///
/// The output is deterministic: keys sorted wherever their order means nothing (everything but
/// `paths`, in URL conf order, and a schema's `properties`, in field order), so the same
/// application gives the same bytes.
public struct SchemaGenerator: Sendable {
    public var title: String
    public var version: String
    public var description: String

    public init(title: String = "API", version: String = "1.0.0", description: String = "") {
        self.title = title
        self.version = version
        self.description = description
    }

    public func document(for application: Application) -> JSON {
        document(urls: application.urls, settings: application.settings)
    }

    public func document(urls: URLConf, settings: APISettings) -> JSON {
        // DRF's generator leaves out the `.json` twins of the routes (format suffix patterns).
        let included = urls.patterns.filter { !($0.endpoint.viewType is any SchemaExcludedView.Type) && !$0.pattern.formatSuffix }
        let paths = included.map { Self.openAPIPath($0.pattern) }
        let prefix = OperationID.commonPrefix(paths)
        var components = SchemaComponents()
        var securitySchemes: [String: JSON] = [:]
        var pathItems = JSONObject()
        for (pattern, path) in zip(included, paths) {
            var item = pathItems[path]?.objectValue ?? JSONObject()
            for method in Self.methods(of: pattern) {
                let builder = OperationBuilder(pattern: pattern, path: path, method: method, prefix: prefix, settings: settings, urls: urls)
                item[method.lowercased] = builder.operation(components: &components, securitySchemes: &securitySchemes)
            }
            if !item.isEmpty { pathItems[path] = .object(item) }
        }
        OperationLinks.add(to: &pathItems, patterns: included, openAPIPaths: paths, schemas: components.schemas)
        var info = JSONObject([("title", .string(title)), ("version", .string(version))])
        if !description.isEmpty { info["description"] = .string(description) }
        var componentObject = JSONObject([("schemas", .object(JSONObject(components.schemas.map { ($0.key, $0.value) })))])
        if !securitySchemes.isEmpty {
            componentObject["securitySchemes"] = .object(JSONObject(securitySchemes.map { ($0.key, $0.value) }))
        }
        let document: JSON = .object(
            JSONObject([
                ("openapi", "3.1.0"), ("info", .object(info)), ("paths", .object(pathItems)),
                ("components", .object(componentObject)),
            ]))
        return Self.canonical(document, isMap: false)
    }

    /// The document as the schema view and the command write it: indented by two, a newline at
    /// the end.
    public static func render(_ document: JSON) -> [UInt8] {
        JSONWriter.render(document, indent: 2) + [UInt8(ascii: "\n")]
    }

    /// `/api/projects/{pk}/archive/`: the pattern's literal text with `{name}` for parameters.
    static func openAPIPath(_ pattern: RoutePattern) -> String {
        var path = "/"
        for token in pattern.tokens {
            switch token {
            case .literal(let text): path += text
            case .parameter(let name, _): path += "{\(name)}"
            }
        }
        return path
    }

    /// The methods an operation is written for: a viewset route's mapped ones, a plain view's
    /// handlers; never HEAD or OPTIONS (as drf-spectacular).
    static func methods(of pattern: URLPattern) -> [HTTPMethod] {
        let order: [HTTPMethod] = [.get, .post, .put, .patch, .delete]
        if let actions = pattern.endpoint.actions { return order.filter { actions[$0] != nil } }
        let view = pattern.endpoint.makeView()
        return order.filter { view.allowedMethods.contains($0) }
    }

    /// Keys sorted in every object but the maps whose order is the application's (`paths`, a
    /// schema's `properties`), whose members are sorted inside.
    static func canonical(_ value: JSON, isMap: Bool) -> JSON {
        switch value {
        case .array(let items): return .array(items.map { canonical($0, isMap: false) })
        case .object(let object):
            var pairs = object.pairs.map { pair -> (String, JSON) in
                // Members of a map are never maps themselves.
                (pair.key, canonical(pair.value, isMap: !isMap && (pair.key == "paths" || pair.key == "properties")))
            }
            if !isMap { pairs.sort { $0.0 < $1.0 } }
            return .object(JSONObject(pairs))
        default: return value
        }
    }
}
