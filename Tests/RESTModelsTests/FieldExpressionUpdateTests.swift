import PostgreSQL
import RESTFramework
import RESTModels
import TestSupport
import Testing

/// `update(["n": F("n") + 1])`: Django's `update(n=F("n") + 1)`, computed by PostgreSQL from the
/// stored row.
@Suite(.needsTestsRun) struct FieldExpressionUpdateTests {
    private func specimens(_ connection: Connection) throws -> QuerySet<Specimen> {
        let specimens = Specimen.objects(on: connection)
        for row in Specimen.rows {
            _ = try specimens.insert(ValidatedData(Specimen.columns.map { ($0.name, row.fieldValue($0.name)!) }))
        }
        return specimens
    }

    @Test func arithmeticReadsTheStoredRow() throws {
        try withModelsDatabase(schema: Specimen.schema) { connection, _ in
            let stored = try specimens(connection)
            // Rows 1 (n 3), 2 (n NULL), 5 (n 3): NULL stays NULL.
            let chosen = stored.filter(.field("id", .in([1, 2, 5])))
            #expect(try chosen.update(["n": F("n") + 1, "score": F("score") - .double(0.5)]) == 3)
            #expect(try chosen.orderBy("id").all().map(\.n) == [4, nil, 4])
            #expect(try chosen.orderBy("id").all().map(\.score) == [1.0, 1.5, 1.5])
            #expect(try chosen.update(["n": F("n") - "2"]) == 3)
            #expect(try chosen.orderBy("id").all().map(\.n) == [2, nil, 2])
            // Copying a column; the rows outside the filter are untouched.
            #expect(try stored.filter(.field("id", .exact(9))).update(["n": FieldExpression(F("id"))]) == 1)
            #expect(try stored.get(pk: 9).n == 9)
            #expect(try stored.get(pk: 4).n == 42)
        }
    }

    @Test func unknownFieldsAndMismatchedTypesAreErrors() throws {
        try withModelsDatabase(schema: Specimen.schema) { connection, _ in
            let stored = try specimens(connection)
            #expect(throws: FieldError.self) { try stored.update(["n": F("nn") + 1]) }
            #expect(throws: FieldError.self) { try stored.update(["nn": F("n") + 1]) }
            #expect(throws: QueryValueError.self) { try stored.update(["name": F("name") + 1]) }
            #expect(throws: QueryValueError.self) { try stored.update(["n": FieldExpression(F("name"))]) }
            #expect(throws: QueryValueError.self) { try stored.update(["n": F("n") + "x"]) }
            #expect(try stored.filter(.field("n", .exact(3))).count() == 2)  // nothing was written
        }
    }
}
