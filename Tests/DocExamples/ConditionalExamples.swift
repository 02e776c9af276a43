// The `///` examples of conditional requests (Sources/RESTFramework/Conditional,
// Sources/RESTFramework/Generics/RowLockingQueryable.swift and GenericAPIView+Conditional.swift,
// Sources/RESTModels/QuerySet/QuerySet+Locking.swift), compiled (DocCommentExampleTests finds them here).
import RESTFramework
import RESTModels

enum ConditionalExamples {
    // EntityTag
    static func tags() -> [EntityTag?] {
        let tag = EntityTag.ofRepresentation(Array(#"{"id":1}"#.utf8))
        let header = tag.headerValue                // "\"…32 hex digits…\""
        let weak = EntityTag(parsing: #"W/"v7""#)   // weak, opaque "v7"
        let version = EntityTag(version: "42")      // "\"42\"": a row version
        _ = header
        return [weak, version]
    }

    // EntityTagCondition
    static func conditions() -> [EntityTagCondition] {
        let list = EntityTagCondition(#"W/"a", "b""#)   // .tags([W/"a", "b"])
        let any = EntityTagCondition("*")              // .any
        let bad = EntityTagCondition("a, b")           // .malformed: tags must be quoted
        return [list, any, bad]
    }

    // Preconditions
    static func check(_ request: Request, tag: EntityTag, updated: HTTPDate?) throws -> Response? {
        let preconditions = Preconditions(request.headers)
        switch preconditions.evaluate(method: request.method, current: tag, lastModified: updated) {
        case .proceed: break                                  // serve or write as usual
        case .notModified: return Response(status: 304)       // GET/HEAD: the client's copy is current
        case .failed: throw PreconditionFailed()              // 412, nothing done
        }
        return nil
    }

    // HTTPDate
    static func dates() -> [HTTPDate?] {
        let date = HTTPDate(parsing: "Sun, 06 Nov 1994 08:49:37 GMT")     // IMF-fixdate
        let old = HTTPDate(parsing: "Sunday, 06-Nov-94 08:49:37 GMT")     // RFC 850: the same date
        let older = HTTPDate(parsing: "Sun Nov  6 08:49:37 1994")         // asctime: the same date
        let header = date?.headerValue                                    // "Sun, 06 Nov 1994 08:49:37 GMT"
        let second = HTTPDate(DateTime(microsecondsSinceEpoch: 784_111_777_900_000))   // the same: no fraction
        _ = header
        return [date, old, older, second]
    }

    // ConditionalRequests
    final class NoteViewSet: ModelViewSet<QuerySet<Note>> {
        override class var conditionalRequests: ConditionalRequests? { ConditionalRequests() }
    }

    // GenericAPIView.withObjectForWrite
    final class ArchivingNoteViewSet: ModelViewSet<QuerySet<Note>> {
        func archive(_ request: Request) throws -> Response {
            try withObjectForWrite { note in try markArchived(note) }
        }

        func markArchived(_ note: Note) throws -> Response { Response(status: 204) }
    }

    // RowLockingQueryable
    static func lock(_ rows: QuerySet<Note>, _ object: Note) throws {
        try rows.transaction {
            try rows.lockForUpdate(object)   // another writer of this row waits here
            // read, compare, write: nobody changes the row in between
        }
    }

    // QuerySet.lockForUpdate
    static func lockNote(_ request: Request, _ note: Note) throws {
        let notes = try Note.objects(on: request)
        try notes.transaction {
            try notes.lockForUpdate(note)   // SELECT 1 FROM "notes" WHERE "id" = $1 FOR UPDATE
            _ = try notes.update(note, with: ["title": "Locked"])
        }
    }
}
