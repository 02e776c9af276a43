import PostgreSQL
import RESTFramework
import RESTModels
import TestSupport
import Testing

/// INSERT/UPDATE/DELETE through `QuerySet`, value coercion, and hostile values.
@Suite(.needsTestsRun) struct QuerySetWritingTests {
    @Test func insertReturnsTheStoredRow() throws {
        try withModelsDatabase { connection, _ in
            let users = User.objects(on: connection)
            let ada = try users.insert(["username": "ada"])
            #expect(ada.id == 1)
            #expect(ada.email == "" && ada.isActive && !ada.isStaff && ada.lastLogin == nil)
            let token = try Token.objects(on: connection).insert(["key": "k1", "user": .int(ada.id)])
            #expect(token.userID == ada.id)
            #expect(try Token.objects(on: connection).get(pk: "k1").key == "k1")
            let note = try Note.objects(on: connection).insert(ValidatedData([("title", "hi"), ("author_id", .string("1"))]))
            #expect(note.author == "ada")  // annotation computed in RETURNING
            #expect(throws: ModelError.readOnlyColumn(model: "Note", column: "author")) {
                try Note.objects(on: connection).insert(["title": "x", "author_id": 1, "author": "ada"])
            }
            #expect(throws: FieldError(model: "User", field: "nope", validFields: User.columns.map(\.name))) {
                try users.insert(["username": "x", "nope": 1])
            }
        }
    }

    @Test func updateAndDelete() throws {
        try withModelsDatabase { connection, _ in
            try seedUsers(connection)
            let users = User.objects(on: connection)
            #expect(try users.filter(.field("last_login", .isNull(true))).update(["is_active": false]) == 2)
            #expect(try users.filter(.field("is_active", .exact(false))).ids().sorted() == [1, 2])
            let alan = try users.get(pk: 2)
            let renamed = try users.update(alan, with: ["first_name": "Alan M.", "last_login": .string("2026-04-01T00:00:00Z")])
            #expect(renamed.firstName == "Alan M." && renamed.lastLogin == DateTime(iso8601: "2026-04-01T00:00:00Z"))
            #expect(renamed.username == "alan")
            #expect(try users.update(alan, with: [:]).firstName == "Alan M.")
            try users.delete(alan)
            #expect(throws: ModelError.doesNotExist(model: "User")) { try users.update(alan, with: ["email": "x@y.z"]) }
            #expect(try users.filter(.field("id", .gt(2))).delete() == 2)
            #expect(try users.ids().sorted() == [1])

            // A composite primary key deletes exactly its row.
            let account = try Account.objects(on: connection).insert(["name": "a", "owner_id": 1])
            let members = AccountMember.objects(on: connection)
            let member = try members.insert(["account_id": .int(account.id), "user_id": 1])
            try members.delete(member)
            #expect(try members.count() == 0)
            #expect(throws: ModelError.self) { try users.limit(1).delete() }
        }
    }

    @Test func valuesAreCoercedToTheColumnsType() throws {
        try withModelsDatabase { connection, _ in
            try seedUsers(connection)
            let users = User.objects(on: connection)
            #expect(try users.filter(.field("id", .exact(.string("42")))).count() == 0)
            #expect(try users.filter(.field("id", .exact(.string(" 3")))).ids() == [3])
            #expect(try users.filter(.field("id", .exact(.string("003")))).ids() == [3])
            #expect(throws: QueryValueError.cannotCoerce(field: "id", value: .string("abc"), to: "a number")) {
                try users.filter(.field("id", .exact(.string("abc")))).count()
            }
            #expect(try users.filter(.field("id", .exact(.string("99999999999999999999")))).count() == 0)
            #expect(try users.filter(.field("id", .lt(.string("99999999999999999999")))).count() == 4)
            #expect(try users.filter(.field("id", .gt(.string("-99999999999999999999")))).count() == 4)
            #expect(try users.filter(.field("id", .in([.string("99999999999999999999"), .string("2")]))).ids() == [2])
            #expect(try users.filter(.field("is_staff", .exact(.string("True")))).ids() == [3])
            #expect(throws: QueryValueError.self) { try users.filter(.field("is_staff", .exact(.string("yes")))).count() }
            #expect(throws: QueryValueError.self) { try users.filter(.field("last_login", .gt(.string("yesterday")))).count() }
            #expect(throws: QueryValueError.self) { try users.insert(["username": "big", "id": .string("99999999999999999999")]) }
        }
    }

    @Test func hostileValuesAreOnlyEverParameters() throws {
        try withModelsDatabase { connection, _ in
            try seedUsers(connection)
            let users = User.objects(on: connection)
            let hostile = ["'; DROP TABLE users; --", "\" OR 1=1 --", "ada' OR '1'='1", "$1", "\\", "%", "_", "{\"a\",NULL}"]
            for text in hostile {
                #expect(try users.filter(.field("username", .exact(.string(text)))).count() == 0)
                #expect(try users.filter(.field("username", .icontains(text))).count() == 0)
                #expect(try users.filter(.field("username", .in([.string(text), "ada"]))).ids() == [1])
                let stored = try users.insert(["username": .string("u" + text)])
                #expect(try users.get(pk: .int(stored.id)).username == "u" + text)
            }
            // A NUL character cannot be stored, so it matches nothing instead of failing.
            #expect(try users.filter(.field("username", .exact("a\u{0}da"))).count() == 0)
            #expect(try users.filter(.field("username", .icontains("\u{0}"))).count() == 0)
            #expect(try users.exclude(.field("username", .in(["\u{0}"]))).count() == 4 + hostile.count)
            #expect(try connection.query("SELECT count(*) FROM users")[0][0, as: Int.self] == 4 + hostile.count)
        }
    }

    @Test func sameShapeSameStatement() throws {
        try withModelsDatabase { connection, _ in
            try seedUsers(connection)
            let users = User.objects(on: connection)
            _ = try users.filter(.field("id", .in([1, 2]))).count()
            let prepared = connection.preparedStatementCount
            // Other values, other list lengths, other key orders: the same texts.
            _ = try users.filter(.field("id", .in([1, 2, 3, 4, 5]))).count()
            _ = try users.filter(.field("id", .in([.string("7")]))).count()
            #expect(connection.preparedStatementCount == prepared)
            let (_, first) = try QueryCapture.capture { try users.insert(["username": "x", "email": "e"]) }
            let (_, second) = try QueryCapture.capture { try users.insert(ValidatedData([("email", "f"), ("username", "y")])) }
            #expect(first == second)
        }
    }
}
