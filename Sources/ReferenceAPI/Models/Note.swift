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
    public static let columns: [Column<Note>] = [
        Column("id", \.id), Column("title", \.title), Column("body", \.body),
        Column("author_id", \.authorID, references: "users"),
        .annotation("author", \.author, sql: "SELECT username FROM users WHERE users.id = notes.author_id"),
        Column("created", \.created),
    ]

    public init(row: ModelRow) throws {
        id = try row["id"]; title = try row["title"]; body = try row["body"]
        authorID = try row["author_id"]; author = try row["author"]; created = try row["created"]
    }
}
