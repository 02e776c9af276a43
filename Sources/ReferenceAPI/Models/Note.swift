import PostgreSQL
import RESTFramework
import RESTModels

/// The `notes` table, with the author's username selected in the same statement (DRF's
/// `select_related("author")` behind `ReadOnlyField(source="author.username")`).
public struct Note: Model {
    public var id: Int64
    public var title: String
    public var body: String
    public var authorID: Int64
    public var author: String
    public var created: DateTime

    public static let tableName = "notes"
    public static let fields = Fields(
        Note.init,  // the memberwise initializer: the fields follow the properties' order
        Field("id", \.id), Field("title", \.title, .maxLength(200)), Field("body", \.body, .blank, .hasDefault),
        Field("author_id", \.authorID, references: "users"),
        .annotation("author", \.author, sql: "SELECT username FROM users WHERE users.id = notes.author_id"),
        // Django's auto_now_add=True: the table fills it, the API never writes it.
        Field("created", \.created, .hasDefault, .editable(false)))
}
