// The docs/framework.md examples of aggregates, annotations, ATOMIC_REQUESTS and onCommit,
// compiled (MarkdownSnippetTests finds them here).
import PostgreSQL
import RESTFramework
import RESTModels

struct AuthorStats: Model {
    var id: Int64
    var name: String
    var bookCount: Int64
    var publishedCount: Int64
    var firstPublished: DateTime?

    static let tableName = "authors"
    static let columns: [Column<AuthorStats>] = [
        Column("id", \.id), Column("name", \.name),
        // Filled per query by annotate(...); the type's zero (or nil) otherwise.
        .annotated("book_count", \.bookCount), .annotated("published_count", \.publishedCount),
        .annotated("first_published", \.firstPublished),
    ]

    init(row: ModelRow) throws {
        id = try row["id"]; name = try row["name"]; bookCount = try row["book_count"]
        publishedCount = try row["published_count"]; firstPublished = try row["first_published"]
    }
}

func prolificAuthors(on connection: Connection) throws -> [AuthorStats] {
    let published: Predicate = .field("published", .exact(true))
    return try AuthorStats.objects(on: connection)
        .annotate([
            "book_count": Count("id", from: Book.objects, on: "author_id"),
            "published_count": Count("id", from: Book.objects, on: "author_id", filter: published),
            "first_published": Min("created", from: Book.objects.filter(published), on: "author_id"),
        ])
        .filter(.field("book_count", .gte(2)))
        .orderBy([OrderTerm("-book_count"), OrderTerm("first_published", nulls: .last), OrderTerm("id")])
        .all()
}

func bookTotals(on connection: Connection) throws -> (NamedValues, [NamedValues]) {
    let books = Book.objects(on: connection).filter(.field("created", .year(2024)))
    let totals = try books.aggregate([
        "count": Count("id"), "authors": Count("author_id", distinct: true), "latest": Max("created"),
    ])
    // One row per value of `published`: [{published: true, n: 12}, {published: false, n: 3}]
    let byPublished = try books.values(["published"]).annotate(["n": Count("id")]).orderBy("-n").all()
    return (totals, byPublished)
}

func atomicSettings() -> APISettings {
    var settings = APISettings()
    // Each POST, PUT, PATCH and DELETE in one transaction.
    settings.atomicRequests = DatabaseTransaction()
    return settings
}

final class WelcomingAuthorSerializer: ModelSerializer<Author> {
    override class var fields: [any SerializerField] {
        [IntegerField("id", readOnly: true), CharField("name", maxLength: 100)]
    }

    override func create(_ validatedData: ValidatedData) throws -> any FieldReadable {
        let author = try super.create(validatedData)
        let name = author.fieldValue("name")?.stringValue ?? ""
        // After the request's transaction commits; never if it rolls back.
        try context.database.onCommit { print("Welcome, \(name).") }
        return author
    }
}

/// Manages its own transactions: Django's `@non_atomic_requests`.
final class AuthorImportView: APIView, PostHandler {
    override class var atomicRequests: (any AtomicRequests)? { NonAtomicRequests() }

    func post(_ request: Request) throws -> Response {
        let database = try request.database
        for name in ["Ada", "Grace"] {
            try database.transaction { connection in
                _ = try Author.objects(on: connection).insert(["name": .string(name)])
            }
        }
        return Response(status: 204)
    }
}
