// The `///` examples of ATOMIC_REQUESTS and onCommit (Sources/RESTFramework/Views/AtomicRequests.swift,
// Sources/RESTModels/Database/DatabaseTransaction.swift, Sources/PostgreSQL/Connection+OnCommit.swift),
// compiled (DocCommentExampleTests finds them here).
import PostgreSQL
@testable import RESTFramework
@testable import RESTModels

enum AtomicRequestsExamples {
    // AtomicRequests
    static func setting() {
        var settings = APISettings()
        settings.atomicRequests = DatabaseTransaction()   // RESTModels: the request's connection
        _ = settings
    }

    // NonAtomicRequests
    final class ReportView: APIView {
        override class var atomicRequests: (any AtomicRequests)? { NonAtomicRequests() }
    }

    // DatabaseTransaction
    static func view(request: Request) throws -> Response {
        var settings = APISettings()
        settings.atomicRequests = DatabaseTransaction()

        // A view that writes, then refuses: both the INSERT and the refusal's 400 leave nothing.
        let note = try Note.objects(on: request).insert(["title": "Hi", "author_id": .int(7)])
        try request.database.onCommit { print("note \(note.id) saved") }   // only if it commits
        throw ValidationError("Changed my mind.")
    }

    // Connection.onCommit
    static func onCommit(connection: Connection) throws {
        try connection.transaction { connection in
            try connection.execute("INSERT INTO notes (title, author_id) VALUES ($1, $2)", "Hi", Int64(7))
            connection.onCommit { print("note saved") }   // after COMMIT, not before
        }
    }
}
