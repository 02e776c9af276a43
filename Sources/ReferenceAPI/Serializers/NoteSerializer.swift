import RESTFramework
import RESTModels

/// Notes: `id, title, body, author, created`; `author` is the author's username (read-only),
/// set from the requesting user on create.
final class NoteSerializer: ModelSerializer<Note> {
    override class var fields: [any SerializerField] {
        [
            IntegerField("id", readOnly: true),
            CharField("title", maxLength: 200),
            CharField("body", required: false, allowBlank: true),
            ReadOnlyField("author"),
            DateTimeField("created", readOnly: true),
        ]
    }
}
