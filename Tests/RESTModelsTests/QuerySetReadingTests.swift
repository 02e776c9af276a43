import PostgreSQL
import RESTFramework
import RESTModels
import TestSupport
import Testing

/// Reading through `QuerySet` on the reference schema: lookups, logic, ordering, slicing,
/// count/exists/get/first, subquery scoping.
@Suite(.needsTestsRun) struct QuerySetReadingTests {
    @Test func lookupsOnTheReferenceUsers() throws {
        try withModelsDatabase { connection, _ in
            try seedUsers(connection)
            let users = User.objects(on: connection).orderBy("id")
            #expect(try users.filter(.field("username", .exact("ada"))).ids() == [1])
            #expect(try users.filter(.field("username", .iexact("ALAN"))).ids() == [2])
            #expect(try users.filter(.field("username", .icontains("A"))).ids() == [1, 2, 3])
            #expect(try users.filter(.field("username", .startswith("a"))).ids() == [1, 2])
            #expect(try users.filter(.field("id", .in([3, 1, .null, 99]))).ids() == [1, 3])
            #expect(try users.filter(.field("id", .in([]))).ids() == [])
            #expect(try users.filter(.field("id", .gt(2))).ids() == [3, 4])
            #expect(try users.filter(.field("id", .lte(.string("2")))).ids() == [1, 2])
            #expect(try users.filter(.field("username", .gte("b"))).ids() == [3, 4])
            #expect(try users.filter(.field("last_login", .isNull(true))).ids() == [1, 2])
            #expect(try users.filter(.field("last_login", .exact(.null))).ids() == [1, 2])
            #expect(try users.filter(.field("last_login", .gt(.string("2026-02-01T00:00:00Z")))).ids() == [3])
            #expect(try users.filter(.field("last_login", .lt(.dateTime(DateTime(iso8601: "2026-02-01T00:00:00Z")!)))).ids() == [4])
            #expect(try users.filter(.field("is_staff", .exact(true))).ids() == [3])
            #expect(try users.filter(.field("pk", .exact(.string("4")))).ids() == [4])
        }
    }

    @Test func andOrNotAndExcludeKeepNullRows() throws {
        try withModelsDatabase { connection, _ in
            try seedUsers(connection)
            let users = User.objects(on: connection).orderBy("id")
            #expect(try users.filter(.field("id", .gt(1)) && .field("is_staff", .exact(false))).ids() == [2, 4])
            #expect(try users.filter(.field("id", .exact(1)) || .field("username", .exact("linus"))).ids() == [1, 4])
            // Django: exclude(last_login__gt=x) keeps the users who never logged in.
            #expect(try users.exclude(.field("last_login", .gt(.string("2026-02-01T00:00:00Z")))).ids() == [1, 2, 4])
            #expect(
                try users.filter(!(.field("last_login", .lt(.string("2026-02-01T00:00:00Z"))) || .field("id", .exact(1)))).ids() == [2, 3])
            #expect(try users.filter(!(!.field("last_login", .isNull(false)))).ids() == [3, 4])
            #expect(try users.filter(.constant(false)).ids() == [])
            #expect(try users.filter(.and([])).ids() == [1, 2, 3, 4])
            #expect(try users.filter(.or([])).ids() == [])
        }
    }

    @Test func orderingWithNullsFirstAndLast() throws {
        try withModelsDatabase { connection, _ in
            try seedUsers(connection)
            let users = User.objects(on: connection)
            // The spec's recent_users: last_login descending, nulls last, then id.
            #expect(try users.orderBy([OrderTerm("-last_login", nulls: .last), OrderTerm("id")]).ids() == [3, 4, 1, 2])
            #expect(try users.orderBy([OrderTerm("-last_login"), OrderTerm("id")]).ids() == [1, 2, 3, 4])
            #expect(try users.orderBy([OrderTerm("last_login"), OrderTerm("-id")]).ids() == [4, 3, 2, 1])
            #expect(try users.orderBy([OrderTerm("last_login", nulls: .first), OrderTerm("id")]).ids() == [1, 2, 4, 3])
            #expect(try users.orderBy("-username").ids() == [4, 3, 2, 1])
        }
    }

    @Test func slicingCountExistsGetFirst() throws {
        try withModelsDatabase { connection, _ in
            try seedUsers(connection)
            let users = User.objects(on: connection).orderBy("id")
            #expect(try users.limit(2).ids() == [1, 2])
            #expect(try users.offset(1).limit(2).ids() == [2, 3])
            #expect(try users[1..<3].ids() == [2, 3])
            #expect(try users.offset(3).fetch(offset: 0, limit: 10).map(\.id) == [4])
            #expect(try users.fetch(offset: 1, limit: 2).map(\.id) == [2, 3])
            #expect(try users.count() == 4)
            #expect(try users.offset(3).count() == 1)
            #expect(try users.filter(.field("is_staff", .exact(true))).count() == 1)
            #expect(try users.exists())
            #expect(try !users.filter(.field("id", .gt(10))).exists())
            #expect(try users.filter(.field("username", .exact("grace"))).get().id == 3)
            #expect(try users.get(pk: 2).username == "alan")
            #expect(throws: ModelError.doesNotExist(model: "User")) { try users.get(pk: 9) }
            #expect(throws: ModelError.multipleObjectsReturned(model: "User")) { try users.get() }
            #expect(try User.objects(on: connection).first()?.id == 1)
            #expect(try users.orderBy("-id").first()?.id == 4)
            #expect(try users.filter(.field("id", .gt(10))).first() == nil)
            #expect(throws: ModelError.self) { try users.limit(1).filter(.field("id", .exact(1))).all() }
        }
    }

    /// `ModelQuery` keeps its state in one shared box: composing must still leave the queryset
    /// it started from (and its other compositions) unchanged.
    @Test func composingLeavesTheOriginalUnchanged() throws {
        let base = User.objects.orderBy("id")
        let staff = base.filter(.field("is_staff", .exact(true)))
        let slice = base[2..<5]
        let narrower = slice[1..<10]
        let reordered = staff.orderBy("-id")
        #expect(base.query.predicates.isEmpty && !base.query.isSliced)
        #expect(base.ordering == [OrderTerm("id")])
        #expect(staff.query.predicates.count == 1 && staff.ordering == [OrderTerm("id")])
        #expect(reordered.ordering == [OrderTerm("-id")] && reordered.query.predicates.count == 1)
        #expect(slice.query.offset == 2 && slice.query.limit == 3)
        #expect(narrower.query.offset == 3 && narrower.query.limit == 2)
        #expect(staff.filter(.field("id", .gt(1))).query.predicates.count == 2 && staff.query.predicates.count == 1)
        #expect(User.objects.query.explicitOrdering == nil && User.objects.ordering == User.ordering)
        // The composition error is the slice's, not the base's.
        #expect(throws: ModelError.unsupported("Cannot filter a query once a slice has been taken.")) {
            try slice.filter(.field("id", .exact(1))).all()
        }
        #expect(throws: ModelError.notBound(model: "User")) { try base.filter(.field("id", .exact(1))).all() }
    }

    @Test func scopingBySubquery() throws {
        try withModelsDatabase { connection, _ in
            let users = try seedUsers(connection)
            let accounts = Account.objects(on: connection)
            let a = try accounts.insert(["name": "alpha", "owner": .int(users[0].id)])
            let b = try accounts.insert(["name": "beta", "owner_id": .int(users[1].id)])
            let c = try accounts.insert(["name": "gamma", "owner_id": .int(users[1].id)])
            let members = AccountMember.objects(on: connection)
            for (account, user) in [(a, 1), (c, 1), (b, 2), (c, 2)] as [(Account, Int64)] {
                _ = try members.insert(["account_id": .int(account.id), "user_id": .int(user), "is_admin": .bool(user == 2)])
            }
            let mine = accounts.filter(.inSubquery("id", Account.memberships(of: 1))).orderBy("id")
            #expect(try mine.ids() == [a.id, c.id])
            // Parameters of the subquery and the outer query are numbered apart.
            #expect(try mine.filter(.field("name", .icontains("MM"))).ids() == [c.id])
            let adminOf = AccountMember.objects.filter(.field("user_id", .exact(2)) && .field("is_admin", .exact(true)))
            #expect(try accounts.filter(.field("name", .startswith("g")) && .inSubquery("id", adminOf.values("account_id"))).count() == 1)
            #expect(try accounts.exclude(.inSubquery("id", Account.memberships(of: 1))).ids() == [b.id])
            // The members of account c, as users (the spec's `members` action).
            let memberIDs = AccountMember.objects.filter(.field("account_id", .exact(.int(c.id)))).values("user_id")
            #expect(try User.objects(on: connection).filter(.inSubquery("id", memberIDs)).orderBy("id").ids() == [1, 2])
        }
    }

    @Test func annotationsAreSelectedFilteredAndOrdered() throws {
        try withModelsDatabase { connection, _ in
            let users = try seedUsers(connection)
            let notes = Note.objects(on: connection)
            _ = try notes.insert(["title": "one", "author_id": .int(users[2].id)])
            _ = try notes.insert(["title": "two", "author_id": .int(users[0].id), "body": "text"])
            // The model's default ordering is "-id".
            #expect(try notes.all().map(\.author) == ["ada", "grace"])
            #expect(try notes.filter(.field("author", .exact("grace"))).all().map(\.title) == ["one"])
            #expect(try notes.orderBy("author").all().map(\.title) == ["two", "one"])
            #expect(notes.ordering == [OrderTerm("-id")])
        }
    }

    @Test func unknownFieldsAndUnboundQuerysetsThrow() throws {
        try withModelsDatabase { connection, _ in
            let users = User.objects(on: connection)
            #expect(throws: FieldError(model: "User", field: "nope", validFields: User.columns.map(\.name))) {
                try users.filter(.field("nope", .exact(1))).count()
            }
            #expect(throws: FieldError(model: "User", field: "nope", validFields: User.columns.map(\.name))) {
                try users.orderBy("-nope").all()
            }
            #expect(throws: ModelError.notBound(model: "User")) { try User.objects.count() }
            #expect(throws: QueryValueError.unsupported("None as a query value for 'id'")) {
                try users.filter(.field("id", .gt(.null))).count()
            }
        }
    }

    @Test func estimatedCountUsesPlannerStatistics() throws {
        try withModelsDatabase { connection, _ in
            try seedUsers(connection)
            let users = User.objects(on: connection)
            // Never analyzed: no estimate, so the paginator counts exactly.
            #expect(try users.estimatedCount() == nil)
            try connection.executeScript("ANALYZE users")
            #expect(try users.estimatedCount() == 4)
            let filtered = try users.filter(.field("id", .gt(2))).estimatedCount()
            #expect(filtered != nil)
        }
    }
}
