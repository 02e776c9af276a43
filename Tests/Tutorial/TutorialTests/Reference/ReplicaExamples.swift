// The read-replica examples of docs/framework.md, compiled (MarkdownSnippetTests checks them).
import RESTFramework
import RESTModels

// MARK: - Read replicas: the declaration

final class InboxView: APIView, GetHandler {
    override class var writesOnSafeMethods: Bool { true }
    func get(_ request: Request) throws -> Response { Response(["unread": 0]) }
}

final class SeenNoteViewSet: ViewSet {
    override class var extraActions: [ExtraAction] {
        [
            .action("touch", detail: true, writesOnSafeMethods: true) { (view: SeenNoteViewSet, request) in
                Response(["touched": true])
            }
        ]
    }
}
