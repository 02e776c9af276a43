/// What a paginator adds to a list's operation: its query parameters and the envelope around a
/// page (drf-spectacular's `get_paginated_response_schema` and `get_schema_operation_parameters`).
/// The built-in paginators are described here; another adopts `OpenAPIPaginatorDescribing`.
///
///     let query = PaginationSchema.parameters(of: LimitOffsetPagination())   // limit, offset
public protocol OpenAPIPaginatorDescribing: Paginator {
    /// Query parameters as OpenAPI parameter objects.
    var openAPIQueryParameters: [JSON] { get }
    /// The envelope's schema with `results` the page's items.
    func openAPIEnvelope(results: JSON) -> JSON
    /// The component's name before the serializer's (`Paginated` → `PaginatedTaskList`).
    var openAPIEnvelopePrefix: String { get }
}

public enum PaginationSchema {
    public static func parameters(of paginator: any Paginator) -> [JSON] {
        switch paginator {
        case let described as any OpenAPIPaginatorDescribing: return described.openAPIQueryParameters
        case let pages as PageNumberPagination:
            var parameters = [query(pages.pageQueryParam, "A page number within the paginated result set.", ["type": "integer"])]
            if let size = pages.pageSizeQueryParam {
                parameters.append(query(size, "Number of results to return per page.", ["type": "integer"]))
            }
            return parameters
        case let window as LimitOffsetPagination:
            return [
                query(window.limitQueryParam, "Number of results to return per page.", ["type": "integer"]),
                query(window.offsetQueryParam, "The initial index from which to return the results.", ["type": "integer"]),
            ]
        case let cursor as CursorPagination:
            var parameters = [query(cursor.cursorQueryParam, "The pagination cursor value.", ["type": "string"])]
            if let size = cursor.pageSizeQueryParam {
                parameters.append(query(size, "Number of results to return per page.", ["type": "integer"]))
            }
            return parameters
        default:
            return []
        }
    }

    /// The envelope and its component name (`PaginatedTaskList`; a cursor's, without `count`,
    /// `CursorPaginatedNoteList`).
    public static func envelope(of paginator: any Paginator, results: JSON) -> (prefix: String, schema: JSON) {
        let link: JSON = ["type": ["string", "null"], "format": "uri"]
        func counted(_ strategy: CountStrategy) -> (String, JSON) {
            // `none` answers `"count": null` (the key stays, as DRF's shape).
            let count: JSON = strategy == .none ? ["type": ["integer", "null"]] : ["type": "integer"]
            let prefix = strategy == .none ? "UncountedPaginated" : "Paginated"
            return (prefix, object([("count", count), ("next", link), ("previous", link), ("results", results)]))
        }
        switch paginator {
        case let described as any OpenAPIPaginatorDescribing:
            return (described.openAPIEnvelopePrefix, described.openAPIEnvelope(results: results))
        case let pages as PageNumberPagination: return counted(pages.countStrategy)
        case let window as LimitOffsetPagination: return counted(window.countStrategy)
        case is CursorPagination:
            return ("CursorPaginated", object([("next", link), ("previous", link), ("results", results)]))
        default:
            return ("Paginated", ["type": "object"])
        }
    }

    /// An object whose members are all always present.
    static func object(_ members: [(String, JSON)]) -> JSON {
        .object(
            JSONObject([
                ("type", "object"), ("properties", .object(JSONObject(members))),
                ("required", .array(members.map { .string($0.0) })),
            ]))
    }

    /// An optional query parameter.
    public static func query(_ name: String, _ description: String, _ schema: JSON) -> JSON {
        var parameter = JSONObject([("name", .string(name)), ("in", "query"), ("required", false)])
        if !description.isEmpty { parameter["description"] = .string(description) }
        parameter["schema"] = schema
        return .object(parameter)
    }
}
