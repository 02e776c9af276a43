// The `///` examples of Sources/RESTModels, compiled (DocCommentExampleTests finds them here).
import PostgreSQL
@testable import RESTFramework
@testable import RESTModels
import Testing

// Model, Fields
struct Note: Model {
    var id: Int64, title: String, body: String, authorID: Int64, author: String, created: DateTime

    static let tableName = "notes"
    static let fields = Fields(
        Note.init,  // the memberwise initializer: the fields follow the properties' order
        Field("id", \.id), Field("title", \.title), Field("body", \.body),
        Field("author_id", \.authorID, references: "users"),
        // Read-only, computed in the same statement: no query per row.
        .annotation("author", \.author, sql: "SELECT username FROM users WHERE users.id = notes.author_id"),
        Field("created", \.created))
}

// Field: a property that is not a column
struct TagList: NonColumnValue {
    var slugs: [String]?
    static var notLoaded: TagList { TagList(slugs: nil) }
}

struct Post: Model {
    var id: Int64, tags: TagList
    static let tableName = "posts"
    static let fields = Fields(Post.init, Field("id", \.id), Field(\.tags))
}

/// A model with a counter and two timestamps, for the F() examples.
struct Article: Model {
    var id: Int64, views: Int64, created: DateTime, updated: DateTime

    static let tableName = "articles"
    static let fields = Fields(
        Article.init, Field("id", \.id), Field("views", \.views), Field("created", \.created), Field("updated", \.updated))
}

/// A model with a unique name, for the get-or-create examples.
struct Tag: Model {
    var id: Int64, name: String, color: String?

    static let tableName = "tags"
    static let fields = Fields(Tag.init, Field("id", \.id), Field("name", \.name), Field("color", \.color))
}

// ModelSerializer
final class NoteSerializer: ModelSerializer<Note> {
    override class var fields: [any SerializerField] {
        [IntegerField("id", readOnly: true),
         CharField("title", maxLength: 200),
         CharField("body", required: false, allowBlank: true),
         ReadOnlyField("author"),                       // an annotation: no query per row
         DateTimeField("created", readOnly: true)]
    }
}
// In the view: try serializer.save(["author_id": request.user.pk])

// PrimaryKey
struct Membership: Model {
    var accountID: Int64, userID: Int64
    static let tableName = "account_members"
    static let primaryKey: PrimaryKey = ["account_id", "user_id"]
    static let fields = Fields(Membership.init, Field("account_id", \.accountID), Field("user_id", \.userID))
}

// ModelRow
struct LoginRecord: Model {
    var id: Int64, lastLogin: DateTime?
    static let tableName = "users"
    static let columns: [Column<LoginRecord>] = [Column("id", \.id), Column("last_login", \.lastLogin)]
    init(row: ModelRow) throws {
        id = try row["id"]                  // Int64
        lastLogin = try row["last_login"]   // DateTime?: NULL is nil
    }
}

// QuerySet
enum QuerySetExample {
    final class UserViewSet: ModelViewSet<QuerySet<User>> {
        override class var queryset: QuerySet<User>? { User.objects.orderBy("id") }   // bound per request
    }
}

// Model.objects, Model.objects(on:)
final class MemberAccountViewSet: ModelViewSet<QuerySet<Account>> {
    var memberships: ModelSubquery { AccountMember.objects.filter(.field("user_id", .exact(7))).values("account_id") }
    override func getQueryset() throws -> QuerySet<Account> {
        try Account.objects(on: request).filter(.inSubquery("id", memberships)).orderBy("id")
    }
}

extension DocHost {
    // DatabaseKey
    func databaseKey() throws {
        request.extensions[DatabaseKey.self] = connection
        let response = app.handle(request)
        _ = response
    }

    // DatabaseUnavailable, ModelExceptionHandler
    func databaseUnavailable() {
        settings.exceptionHandler = ModelExceptionHandler.wrapping(defaultExceptionHandler)
    }

    // ModelError
    func modelError() throws {
        do { let user = try User.objects(on: request).filter(.field("username", .exact("ada"))).get() }
        catch ModelError.doesNotExist { throw NotFound() }
    }

    // QueryCapture
    func queryCapture(api: Application) throws {
        let (page, statements) = try QueryCapture.capture { try api.handle(request) }
        #expect(statements.count == 2)   // count(*) + one SELECT
        _ = page
    }

    // Column, ColumnValue
    func columns() {
        Column("id", \User.id)                                     // bigint, NOT NULL
        Column("last_login", \User.lastLogin)                      // timestamptz, NULL (DateTime?)
        Column("owner_id", \Account.ownerID, references: "users")  // foreign key by id
        Column<Note>.annotation("author", \.author, sql: "(SELECT username FROM users WHERE users.id = notes.author_id)")

        Column("last_login", \User.lastLogin)   // DateTime? → timestamptz NULL
    }

    // Field
    func fieldDeclarations() {
        Field("id", \Note.id)                                       // a column
        Field("author_id", \Note.authorID, references: "users")     // a foreign key by id
        Field<Note, String>.annotation("author", \.author, sql: "SELECT username FROM users WHERE users.id = notes.author_id")
        Field(\Post.tags)                                           // a NonColumnValue: not selected
    }

    // ModelCheck
    func modelCheck() throws {
        let differences = try ModelCheck.differences(of: [Note.self, User.self], on: connection)
        for difference in differences { print(difference) }
    }

    // Model
    func notes() throws {
        let notes = try Note.objects.using(connection).filter(.field("author_id", .exact(7))).orderBy("-id").all()
        _ = notes
    }

    // ModelQuery, ModelSubquery
    func queries() throws {
        let query = User.objects.filter(.field("is_staff", .exact(true))).query

        let memberOf = AccountMember.objects.filter(.field("user_id", .exact(7))).values("account_id")
        let accounts = try Account.objects(on: request).filter(.inSubquery("id", memberOf))
        // SELECT ... FROM "accounts" WHERE "accounts"."id" IN (SELECT "account_members"."account_id"
        //   FROM "account_members" WHERE "account_members"."user_id" = $1)
        let mine = try Account.objects(on: request).filter(.inSubquery("id", memberOf.asArray()))
        _ = (query, accounts, mine)
    }

    // QuerySet.get, QuerySet.insert, QuerySet
    func querySets() throws {
        let user = try User.objects(on: request).filter(.field("pk", .exact(.string(id)))).get()
        let note = try Note.objects(on: request).insert(["title": "Hi", "author_id": .int(7)])
        let recent = try User.objects(on: request)
            .exclude(.field("last_login", .isNull(true)))
            .orderBy([OrderTerm("-last_login", nulls: .last), OrderTerm("id")])
            .limit(10)
            .all()
        _ = (user, note, recent)
    }

    // F, FieldExpression
    func fExpressions() throws {
        let edited: Predicate = .field("updated", .gt(F("created")))   // updated > created
        try Article.objects(on: request).filter(.field("id", .exact(7))).update(["views": F("views") + 1])
        _ = edited
    }

    // getOrCreate, updateOrCreate, bulkCreate
    func getOrCreate() throws {
        do {
            let (tag, created) = try Tag.objects(on: request).getOrCreate(["name": "swift"], defaults: ["color": "orange"])
            _ = (tag, created)
        }
        do {
            let (tag, created) = try Tag.objects(on: request).updateOrCreate(["name": "swift"], defaults: ["color": "red"])
            _ = (tag, created)
        }
        let tags = try Tag.objects(on: request).bulkCreate([["name": "swift"], ["name": "postgres"]])
        _ = tags
    }

    // ModelRelatedLookup, UniqueValidator
    func lookups() {
        PrimaryKeyRelatedField("user", lookup: ModelRelatedLookup(User.objects))
        PrimaryKeyRelatedField("user", lookup: ModelRelatedLookup(User.objects.filter(.field("is_active", .exact(true)))))

        CharField("username", maxLength: 150, validators: [
            UniqueValidator(User.objects, message: "A user with that username already exists."),
        ])
    }
}
