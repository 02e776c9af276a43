@testable import RESTFramework
import RESTTesting

/// A model row for the pagination and filter tests.
struct Item: FieldReadable, Sendable {
    var id: Int64
    var name: String = ""
    var description: String = ""
    var score: Int64? = nil
    var created: DateTime? = nil

    func fieldValue(_ field: String) -> FieldValue? {
        switch field {
        case "id": return .int(id)
        case "name": return .string(name)
        case "description": return .string(description)
        case "score": return score.map(FieldValue.int) ?? .null
        case "created": return created.map(FieldValue.dateTime) ?? .null
        default: return nil
        }
    }
}

/// Rows with ids 1...count (and scores, when given), as the DRF reference script creates them.
func items(_ count: Int, scores: [Int64]? = nil) -> InMemoryQuerySet<Item> {
    InMemoryQuerySet((0..<count).map { Item(id: Int64($0 + 1), name: "n\($0 + 1)", score: scores?[$0]) })
}

/// A GET request for `url` (absolute or a path with a query) as DRF's test client sends it.
func get(_ url: String) -> Request {
    var rest = Substring(url)
    if let scheme = rest.firstRange(of: "://") {
        rest = rest[scheme.upperBound...]
        rest = rest[(rest.firstIndex(of: "/") ?? rest.endIndex)...]
    }
    return APIRequestFactory().get(String(rest))
}

/// The paginated response for `url`, results as ids, or `{"error": detail}` for a 404, as the
/// reference script prints them.
func paginate(
    _ paginator: some Paginator, _ url: String, _ rows: InMemoryQuerySet<Item>,
    view: APIView? = nil
) throws -> String {
    do {
        guard let page = try paginator.paginate(rows, request: get(url), view: view) else { return "null" }
        let response = paginator.paginatedResponse(.array(page.map { .int($0.id) }))
        return JSONWriter.renderString(response.data ?? .null)
    } catch let error as NotFound {
        return JSONWriter.renderString(["error": .string(error.message)])
    }
}
