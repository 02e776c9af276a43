// The `///` examples of Sources/RESTFramework/Request/RequestUser.swift and
// Sources/RESTFramework/Permissions/Permission.swift, compiled (DocCommentExampleTests finds them here).
import Logging
@testable import RESTFramework
@testable import RESTModels

enum RequestUserExample {
    struct User: RequestUser {
        let id: Int64
        let username: String
        let isStaff: Bool
        let isActive: Bool
        var pk: FieldValue { .int(id) }
    }

    static func save(_ request: Request, _ serializer: Serializer) throws {
        let signedIn = request.user as? User                        // the application's model, or nil
        try serializer.save(["author_id": request.user.pk])       // `.int(7)`, as the column holds it
        _ = signedIn
    }
}

enum PermissionExample {
    static func mount(_ view: APIView) {
        struct IsOwner: Permission {
            func hasObjectPermission(_ request: Request, view: APIView, object: Any) throws -> Bool {
                guard let note = object as? Note else { return false }
                return .int(note.authorID) == request.user.pk
            }
        }
        view.permissionClasses = [IsAuthenticated() & IsOwner()]
    }
}

// Request.logger
enum RequestLoggerExample {
    static func export(_ request: Request, rows: [Int]) {
        request.logger.info("exported \(rows.count) rows")
        // 2026-12-07T03:40:00.123Z info: exported 12 rows request_id=2c9f5e0b8a1d4e7f9b3c6d2a1e0f4b5c
    }
}
