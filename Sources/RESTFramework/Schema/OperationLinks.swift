/// OpenAPI links from a viewset's `create` to the operations on the object it made: the 201's
/// lookup value (`$response.body#/id` for `pk`) fills the detail routes' lookup parameter, so a
/// client or a stateful test (schemathesis' stateful phase) can follow them to a row that
/// exists. Written only where the router's routes say it: the detail route's one parameter is
/// the viewset's lookup kwarg, and the created object's schema has the lookup field.
enum OperationLinks {
    /// Adds `links` to each `create`'s 201 in `paths` (path → method → operation).
    static func add(
        to paths: inout JSONObject, patterns: [URLPattern], openAPIPaths: [String], schemas: [String: JSON]
    ) {
        for (pattern, path) in zip(patterns, openAPIPaths) {
            guard pattern.endpoint.actions?[.post] == .create,
                let viewset = pattern.endpoint.viewType as? any ViewSetMixin.Type,
                case .object(var item)? = paths[path], case .object(var create)? = item["post"],
                let created = create["responses"]?["201"]?.objectValue
            else { continue }
            let kwarg = viewset.lookupURLKwarg ?? viewset.lookupField
            let field = viewset.lookupField == "pk" ? "id" : viewset.lookupField
            guard let reference = created["content"]?["application/json"]?["schema"]?["$ref"]?.stringValue,
                let name = reference.split(separator: "/").last.map(String.init),
                schemas[name]?["properties"]?[field] != nil
            else { continue }
            var links = JSONObject()
            for (detail, detailPath) in zip(patterns, openAPIPaths)
            where ObjectIdentifier(detail.endpoint.viewType) == ObjectIdentifier(pattern.endpoint.viewType)
                && detail.pattern.parameterNames == [kwarg]
            {
                for (_, operation) in paths[detailPath]?.objectValue ?? JSONObject() {
                    guard let id = operation["operationId"]?.stringValue else { continue }
                    links[id] = [
                        "operationId": .string(id),
                        "parameters": .object(JSONObject([(kwarg, .string("$response.body#/" + field))])),
                    ]
                }
            }
            guard !links.isEmpty else { continue }
            var response = created
            response["links"] = .object(links)
            var responses = create["responses"]?.objectValue ?? JSONObject()
            responses["201"] = .object(response)
            create["responses"] = .object(responses)
            item["post"] = .object(create)
            paths[path] = .object(item)
        }
    }
}
