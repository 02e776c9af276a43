import RESTFramework
import RESTModels

/// Notes: `id, title, body, author, created`, made from the model as DRF's `ModelSerializer`
/// makes them: `title` at most 200, `body` optional and blank allowed, `created` read-only;
/// `author` (an annotation: the author's username) read-only, set from the requesting user on
/// create. The wire comparison holds its OPTIONS and errors to DRF's.
final class NoteSerializer: ModelSerializer<Note> {
    override class var modelFields: ModelFieldSelection? { ["id", "title", "body", "author", "created"] }
}
