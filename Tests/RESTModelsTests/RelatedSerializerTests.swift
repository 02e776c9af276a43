import PostgreSQL
import RESTFramework
import RESTModels
import RESTTesting
import TestSupport
import Testing

/// Related and nested fields on the real PostgreSQL, through a router and the test client:
/// DRF's rendering and messages, many-to-many writes that replace, querysets that depend on the
/// request, and a list page whose related fields cost no query per row.
@Suite(.needsTestsRun) struct RelatedSerializerTests {
    /// DRF with select_related/prefetch_related: a page's queries do not grow with the page. The
    /// list view applies `RelatedTaskSerializer.relatedPaths` (project, assignee, tags) itself.
    @Test func aListPageCostsTheSameQueriesAtAnyPageSize() throws {
        try withModelsDatabase(schema: RelationSchema.sql) { connection, _ in
            let seed = try RelationSchema.seed(connection)
            _ = try RelationsTests.seedTasks(connection, seed)
            #expect(RelatedTaskSerializer.relatedPaths == ["project", "assignee", "tags"])
            var counts: [Int] = []
            for pageSize in [10, 100] {
                let client = try RelatedAPI(connection: connection, pageSize: pageSize).client(as: seed.users[0])
                let (response, statements) = try QueryCapture.capture { client.get("/api/tasks/") }
                #expect(response.status == 200)
                #expect(response.json["results"]?.arrayValue?.count == pageSize)
                counts.append(statements.count)
                // Task 0: Apollo, ada, tags backend and urgent (in slug order).
                let first = response.json["results"]?.arrayValue?.first
                #expect(first?["project"] == .string("http://testserver/api/projects/\(seed.projects[0].id)/"))
                #expect(first?["project_name"] == "Apollo")
                #expect(first?["assignee"] == "ada")
                #expect(first?["tags"] == ["backend", "frontend", "urgent"])
                #expect(response.json["results"]?.arrayValue?[1]["assignee"] == .null)
            }
            #expect(counts[0] == counts[1] && counts[1] <= 3, "\(counts)")
        }
    }

    /// Writes: a hyperlinked project of an admin account, a username, tags by slug; PUT replaces
    /// the tags (Django's `set`), `[]` clears them. Each message as DRF words it.
    @Test func taskWritesAndMessages() throws {
        try withModelsDatabase(schema: RelationSchema.sql) { connection, _ in
            let seed = try RelationSchema.seed(connection)
            try RelationSchema.seedMemberships(connection, seed)
            let client = try RelatedAPI(connection: connection).client(as: seed.users[0])
            let apollo = "http://testserver/api/projects/\(seed.projects[0].id)/"
            let created = client.post(
                "/api/tasks/",
                data: ["project": .string(apollo), "title": "Launch", "assignee": "grace", "tags": ["urgent", "backend", "urgent"]],
                format: .json)
            #expect(created.status == 201)
            #expect(created.json["tags"] == ["backend", "urgent"])
            #expect(created.json["project"] == .string(apollo))
            #expect(created.json["project_name"] == "Apollo")
            #expect(created.json["assignee"] == "grace")
            guard case .int(let id)? = created.json["id"] else { Issue.record("no id"); return }
            let task = try ProjectTask.objects(on: connection).get(pk: .int(id))
            #expect(try task.related(\.tags, on: connection).all().map(\.slug) == ["backend", "urgent"])

            // A retrieve reads the serializer's relations with the row (the viewset selects none).
            let retrieved = client.get("/api/tasks/\(id)/")
            #expect(retrieved.json["project_name"] == "Apollo" && retrieved.json["tags"] == ["backend", "urgent"])

            let replaced = client.put(
                "/api/tasks/\(id)/",
                data: ["project": .string("/api/projects/\(seed.projects[2].id)/"), "title": "Launch", "tags": ["frontend"]],
                format: .json)
            #expect(replaced.status == 200)
            #expect(replaced.json["tags"] == ["frontend"])
            #expect(replaced.json["project_name"] == "Cygnus")
            #expect(try task.related(\.tags, on: connection).all().map(\.slug) == ["frontend"])
            let cleared = client.patch("/api/tasks/\(id)/", data: ["tags": []], format: .json)
            #expect(cleared.json["tags"] == [])
            #expect(try task.related(\.tags, on: connection).all().isEmpty)

            // Borealis is Globex's, where ada is no admin: not among the field's rows.
            let cases: [(JSON, JSON)] = [
                (
                    ["project": .string("http://testserver/api/projects/\(seed.projects[1].id)/")],
                    ["project": ["Invalid hyperlink - Object does not exist."]]
                ),
                (["project": "/api/tasks/1/"], ["project": ["Invalid hyperlink - Incorrect URL match."]]),
                (["project": "/api/projects/999/?x=1"], ["project": ["Invalid hyperlink - No URL match."]]),
                (["project": 5], ["project": ["Incorrect type. Expected URL string, received int."]]),
                (["assignee": "zed"], ["assignee": ["Object with username=zed does not exist."]]),
                (["tags": "urgent"], ["tags": [#"Expected a list of items but got type "str"."#]]),
                (["tags": ["urgent", "x"]], ["tags": ["Object with slug=x does not exist."]]),
            ]
            for (body, errors) in cases {
                let response = client.patch("/api/tasks/\(id)/", data: body, format: .json)
                #expect(response.status == 400 && response.json == errors, "\(body)")
            }
        }
    }

    /// The projects' account: only accounts where the user is an admin member; the lead nested
    /// read-only, written through `lead_id` and read after the write.
    @Test func projectAccountDependsOnTheRequestAndLeadNests() throws {
        try withModelsDatabase(schema: RelationSchema.sql) { connection, _ in
            let seed = try RelationSchema.seed(connection)
            try RelationSchema.seedMemberships(connection, seed)
            let client = try RelatedAPI(connection: connection).client(as: seed.users[0])
            let globex = seed.accounts[1].id
            let refused = client.post("/api/projects/", data: ["account": .int(globex), "name": "X"], format: .json)
            #expect(refused.status == 400)
            #expect(refused.json == ["account": [.string("Invalid pk \"\(globex)\" - object does not exist.")]])
            let other = try RelatedAPI(connection: connection).client(as: seed.users[1])
            let acme = seed.accounts[0].id
            #expect(other.post("/api/projects/", data: ["account": .int(acme), "name": "X"], format: .json).status == 400)

            let created = client.post(
                "/api/projects/", data: ["account": .int(acme), "name": "Dawn", "lead_id": .int(seed.users[3].id)], format: .json)
            #expect(created.status == 201)
            #expect(created.json["lead"] == ["id": .int(seed.users[3].id), "username": "linus"])
            #expect(created.json["account"] == .int(acme))
            #expect(created.json["lead_id"] == nil)

            let list = client.get("/api/projects/")
            let leads = list.json["results"]?.arrayValue?.map { $0["lead"] ?? "missing" }
            #expect(
                leads == [
                    ["id": .int(seed.users[2].id), "username": "grace"], .null, ["id": .int(seed.users[0].id), "username": "ada"],
                    ["id": .int(seed.users[3].id), "username": "linus"],
                ])
            #expect(list.json["results"]?.arrayValue?.map { $0["account_name"] ?? "missing" } == ["Acme", "Globex", "Acme", "Acme"])
        }
    }

    /// OPTIONS: the nested lead with its children, the related fields as `"field"` (DRF's SimpleMetadata).
    @Test func optionsDescribeNestedAndRelatedFields() throws {
        try withModelsDatabase(schema: RelationSchema.sql) { connection, _ in
            let seed = try RelationSchema.seed(connection)
            let client = try RelatedAPI(connection: connection).client(as: seed.users[0])
            let post = client.options("/api/projects/").json["actions"]?["POST"]
            #expect(post?["account"] == ["type": "field", "required": true, "read_only": false, "label": "Account"])
            #expect(
                post?["lead"]
                    == [
                        "type": "nested object", "required": false, "read_only": true, "label": "Lead",
                        "children": [
                            "id": ["type": "integer", "required": false, "read_only": true, "label": "ID"],
                            "username": ["type": "string", "required": false, "read_only": true, "label": "Username"],
                        ],
                    ])
            #expect(post?["lead_id"] == ["type": "field", "required": false, "read_only": false, "label": "Lead id"])
            let tags = client.options("/api/tasks/").json["actions"]?["POST"]?["tags"]
            #expect(tags == ["type": "field", "required": false, "read_only": false, "label": "Tags"])
        }
    }

    /// The writable nested pattern: the nested object's errors under its name, and the parent's
    /// `create` saving the nested row first.
    @Test func writableNestedSerializerThroughCreate() throws {
        try withModelsDatabase(schema: RelationSchema.sql) { connection, _ in
            let seed = try RelationSchema.seed(connection)
            let client = try RelatedAPI(connection: connection).client(as: seed.users[0])
            let acme = JSON.int(seed.accounts[0].id)
            let invalid = client.post("/api/lead-projects/", data: ["account": acme, "name": "N", "lead": [:]], format: .json)
            #expect(invalid.status == 400)
            #expect(invalid.json == ["lead": ["username": ["This field is required."]]])
            let notObject = client.post("/api/lead-projects/", data: ["account": acme, "name": "N", "lead": "x"], format: .json)
            #expect(notObject.json == ["lead": ["non_field_errors": ["Invalid data. Expected a dictionary, but got str."]]])
            let created = client.post(
                "/api/lead-projects/", data: ["account": acme, "name": "N", "lead": ["username": "newbie"]], format: .json)
            #expect(created.status == 201)
            let lead = try User.objects(on: connection).filter(.field("username", .exact("newbie"))).get()
            #expect(created.json["lead"] == ["id": .int(lead.id), "username": "newbie"])
            let withoutLead = client.post("/api/lead-projects/", data: ["account": acme, "name": "M", "lead": nil], format: .json)
            #expect(withoutLead.status == 201 && withoutLead.json["lead"] == .null)
        }
    }
}
