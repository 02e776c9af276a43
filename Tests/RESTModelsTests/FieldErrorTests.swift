import PostgreSQL
import TestSupport
import Testing
@testable import RESTFramework
@testable import RESTModels

/// A field name the model does not have, wherever it meets the model: the error names the model
/// and the fields it has (Django's `FieldError`).
@Suite struct FieldErrorTests {
    static let titel = FieldError(
        model: "Note", field: "titel",
        validFields: ["id", "title", "body", "author_id", "author", "created"])
    static let note = Note(
        id: 1, title: "t", body: "b", authorID: 2, author: "ada",
        created: DateTime(microsecondsSinceEpoch: 1_715_000_000_000_000))

    @Test func theMessageNamesTheModelAndItsFields() {
        #expect(Self.titel.description == #"Note has no field "titel". Valid fields: id, title, body, author_id, author, created."#)
        #expect(FieldError(model: "Item", field: "x", validFields: []).description == #"Item has no field "x"."#)
    }

    /// The SQL compiler, without a database: filters (also nested and in subqueries) and orderings.
    @Test func queriesNameTheModelsFields() {
        func compile(_ rows: QuerySet<Note>) throws {
            _ = try SQLBuilder.statement { try QueryCompiler<Note>.select(rows.query, into: &$0) }
        }
        let notes = Note.objects
        #expect(throws: Self.titel) { try compile(notes.filter(.field("titel", .exact("x")))) }
        #expect(throws: Self.titel) { try compile(notes.exclude(.field("titel", .contains("x")))) }
        #expect(throws: Self.titel) { try compile(notes.filter(.or([.field("id", .exact(1)), .not(.field("titel", .isNull(true)))]))) }
        #expect(throws: Self.titel) { try compile(notes.filter(.inSubquery("titel", Note.objects.values("id")))) }
        #expect(throws: Self.titel) { try compile(notes.orderBy("-titel")) }
        #expect(throws: Never.self) { try compile(notes.filter(.field("title", .exact("x"))).orderBy("-pk")) }
    }

    /// Writes: a key of the validated data that is no column (and no relation's `_id`).
    @Test func writesNameTheModelsFields() {
        #expect(throws: Self.titel) { try QuerySet<Note>.writableColumn("titel") }
        #expect(throws: Never.self) { _ = try QuerySet<Note>.writableColumn("title") }
    }

    /// Model rows read by name (`fieldValue`) in an in-memory queryset.
    @Test func modelRowsReadByNameNameTheModelsFields() {
        let rows = InMemoryQuerySet([Self.note])
        #expect(throws: Self.titel) { try rows.filter(.field("titel", .exact("t"))).all() }
        #expect(throws: Self.titel) { try rows.orderBy("titel").all() }
        #expect(throws: Self.titel) { try rows.values("titel").values() }
    }

    /// A serializer field whose source the model lacks.
    @Test func serializerFieldsNameTheModelsFields() {
        let serializer = Serializer(instance: Self.note)
        serializer.fields = [IntegerField("id"), CharField("heading", source: "titel")]
        do {
            _ = try serializer.data
            Issue.record("no error")
        } catch {
            #expect("\(error)" == "Could not get a value for field `heading` (source `titel`) on Note: " + Self.titel.description)
        }
    }

    /// A `ModelSerializer` whose validated data has a key the model lacks: the insert says so.
    @Test(.needsTestsRun) func modelSerializerWritesNameTheModelsFields() throws {
        final class TypoSerializer: ModelSerializer<Note> {
            override class var fields: [any SerializerField] { [CharField("titel"), IntegerField("author_id")] }
        }
        try withModelsDatabase { connection, _ in
            let ada = try User.objects(on: connection).insert(["username": "ada"])
            let serializer = TypoSerializer(
                data: ["titel": "x", "author_id": .int(ada.id)],
                context: ModelSerializerTests.context(connection))
            try serializer.isValid(raiseException: true)
            #expect(throws: Self.titel) { try serializer.save() }
        }
    }
}
