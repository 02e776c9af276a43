import Foundation
import RESTTesting

@testable import RESTFramework

// In-memory rows shaped like the spec's projects (uuid keys) and tags (slugs), with the
// relations a model would declare, read through `relatedInstances`.

let apolloID = UUID(uuidString: "A9198266-0E77-4B95-A3DC-5255B120C11C")!

/// Projects by uuid, tags by slug (ids 1 urgent, 2 backend), users by username (active ones).
let projectsQueryset = RelatedQuerysetFunction(keyType: .uuid) { field, value, _ in
    // (Not `cond ? value : nil`: FieldValue is ExpressibleByNilLiteral, so that nil is `.null`.)
    guard field == "pk", value == .uuid(apolloID) else { return nil }
    return .uuid(apolloID)
}
let tagIDs: [String: Int64] = ["urgent": 1, "backend": 2]
struct TagsQueryset: RelatedQueryset {
    func keyType(of field: String) -> RelatedKeyType { field == "slug" ? .text : .integer }
    func primaryKey(where field: String, equals value: FieldValue, context: SerializerContext) throws -> FieldValue? {
        switch field {
        case "slug": return value.stringValue.flatMap { tagIDs[$0] }.map(FieldValue.int)
        case "pk": return tagIDs.values.contains(value.intValue ?? 0) ? value : FieldValue?.none
        default: return nil
        }
    }
}

/// A row with relations: to-one rows by name (nil: empty), to-many lists by name.
struct RelatedRow: FieldReadable {
    var values: [String: FieldValue]
    var one: [String: RelatedRow?] = [:]
    var many: [String: [RelatedRow]] = [:]
    func fieldValue(_ name: String) -> FieldValue? { values[name] }
    func relatedInstances(_ name: String, context: SerializerContext) throws -> RelatedInstances? {
        if let row = one[name] { return .one(row) }
        if let rows = many[name] { return .many(rows) }
        return nil
    }
}

struct DescribedTag: FieldReadable, CustomStringConvertible {
    var name: String
    func fieldValue(_ name: String) -> FieldValue? { name == "pk" ? 1 : nil }
    var description: String { name }
}

/// A router with `projects` (uuid-looking keys) and `tags`, under `api/`, as the field resolves links.
final class LinkTargetViewSet: ViewSet, ListAction, RetrieveAction {
    func list(_ request: Request) throws -> Response { Response([]) }
    func retrieve(_ request: Request) throws -> Response { Response([:]) }
}

func linkURLs() throws -> URLConf {
    var router = DefaultRouter()
    try router.register("projects", LinkTargetViewSet.self, basename: "project")
    try router.register("tags", LinkTargetViewSet.self, basename: "tag")
    return try URLConf([.include("api/", router)])
}

func linkContext() throws -> SerializerContext {
    let urls = try linkURLs()
    var context = SerializerContext(
        request: APIRequestFactory().get("/api/tasks/", headers: ["Host": "testserver"]),
        reverse: { name, kwargs, request, format in try urls.reverse(name, kwargs: kwargs, request: request, format: format) })
    context.extensions[URLConfKey.self] = urls
    return context
}
