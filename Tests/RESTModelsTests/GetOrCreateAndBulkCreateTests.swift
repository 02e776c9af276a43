import PostgreSQL
import RESTFramework
import RESTModels
import TestSupport
import Testing

/// Django's `get_or_create`, `update_or_create` and `bulk_create` on the real PostgreSQL.
@Suite(.needsTestsRun) struct GetOrCreateAndBulkCreateTests {
    static func values(_ row: Specimen) -> [String: FieldValue] {
        Dictionary(uniqueKeysWithValues: Specimen.columns.map { ($0.name, row.fieldValue($0.name)!) })
    }

    @Test func getOrCreateFindsOrInserts() throws {
        try withModelsDatabase(schema: Specimen.schema) { connection, _ in
            let specimens = Specimen.objects(on: connection)
            let (made, created) = try specimens.getOrCreate(["id": 99, "name": "new"], defaults: ["n": 5, "name": "ignored"])
            #expect(created && made.id == 99 && made.name == "new" && made.n == 5)
            let (found, createdAgain) = try specimens.getOrCreate(["id": 99], defaults: ["n": 6])
            #expect(!createdAgain && found.n == 5)
            #expect(try specimens.count() == 1)
            // The row exists but this queryset cannot see it: the insert's unique violation is
            // rethrown (Django re-reads, finds nothing, and raises the IntegrityError).
            #expect(throws: PostgresError.self) { try specimens.filter(.field("n", .exact(-1))).getOrCreate(["id": 99]) }
            // The failed insert was rolled back, and the connection is usable.
            #expect(connection.transactionStatus == .idle)
            #expect(try specimens.count() == 1)
        }
    }

    @Test func updateOrCreateUpdatesOrInserts() throws {
        try withModelsDatabase(schema: Specimen.schema) { connection, _ in
            let specimens = Specimen.objects(on: connection)
            _ = try specimens.insert(["id": 1, "n": 3, "name": "Ada"])
            let (updated, created) = try specimens.updateOrCreate(["id": 1], defaults: ["name": "Grace"])
            #expect(!created && updated.name == "Grace" && updated.n == 3)
            let (made, createdNow) = try specimens.updateOrCreate(
                ["id": 2], defaults: ["name": "for updates"], createDefaults: ["name": "for creates"])
            #expect(createdNow && made.name == "for creates")
            #expect(try specimens.orderBy("id").all().map(\.name) == ["Grace", "for creates"])
            #expect(connection.transactionStatus == .idle)
        }
    }

    @Test func bulkCreateInsertsInOneStatementPerBatch() throws {
        try withModelsDatabase(schema: Specimen.schema) { connection, _ in
            let specimens = Specimen.objects(on: connection)
            var rows = Specimen.rows.map(Self.values)
            rows[1]["n"] = nil  // a missing key: DEFAULT (NULL here)
            let (stored, statements) = try QueryCapture.capture { try specimens.bulkCreate(rows) }
            #expect(stored.map(\.id) == Specimen.rows.map(\.id))
            #expect(stored.map(\.at) == Specimen.rows.map(\.at))
            #expect(statements.filter { $0.hasPrefix("INSERT") }.count == 1)
            #expect(statements.first { $0.hasPrefix("INSERT") }?.contains("DEFAULT") == true)
            #expect(try specimens.orderBy("id").all().map(\.name) == Specimen.rows.map(\.name))
            let (_, batched) = try QueryCapture.capture {
                try specimens.bulkCreate((100..<111).map { ["id": .int(Int64($0))] }, batchSize: 5)
            }
            #expect(batched.filter { $0.hasPrefix("INSERT") }.count == 3)
            #expect(try specimens.count() == 25)
        }
    }

    /// 11,000 rows of 6 columns are 66,000 parameters: more than one statement may carry.
    @Test func bulkCreateStaysUnderTheParameterLimit() throws {
        try withModelsDatabase(schema: Specimen.schema) { connection, _ in
            let specimens = Specimen.objects(on: connection)
            let rows: [[String: FieldValue]] = (1...11_000).map {
                ["id": .int(Int64($0)), "n": .int(Int64($0)), "name": "x", "flag": true, "at": .null, "score": .double(0.5)]
            }
            let (stored, statements) = try QueryCapture.capture { try specimens.bulkCreate(rows) }
            #expect(stored.count == 11_000 && stored.last?.id == 11_000)
            #expect(statements.filter { $0.hasPrefix("INSERT") }.count == 2)
            #expect(try specimens.count() == 11_000)
            // A failing batch (a duplicate id in the second) leaves nothing of the first.
            let duplicateInTheLastBatch: [[String: FieldValue]] = (20_000..<31_000).map { ["id": .int(Int64($0 == 30_999 ? 20_000 : $0))] }
            #expect(throws: PostgresError.self) { try specimens.bulkCreate(duplicateInTheLastBatch, batchSize: 5_000) }
            #expect(try specimens.count() == 11_000)
        }
    }
}
