import Testing
@testable import RESTFramework

/// A row type that hands out readers (as models do). Its reader for `title` deliberately
/// disagrees with `fieldValue("title")`, so a test can tell which path a serializer took.
private struct ReadableRow: FieldReadable, FieldLayoutSource {
    var id: Int64
    var title: String
    var note: String?

    func fieldValue(_ name: String) -> FieldValue? {
        switch name {
        case "id", "pk": .int(id)
        case "title": .string("by name: " + title)
        case "note": note.map(FieldValue.string) ?? .null
        default: nil
        }
    }

    static var fieldLayout: FieldLayout? { FieldLayout(ReadableRow(id: 0, title: "", note: nil)) }
    var typeName: String { "ReadableRow" }
    var fieldNames: [String] { ["id", "title", "note"] }

    func reader(ofField name: String) -> FieldReader? {
        switch name {
        case "id", "pk": { .int($0.assumingMemoryBound(to: ReadableRow.self).pointee.id) }
        case "title": { .string("by reader: " + $0.assumingMemoryBound(to: ReadableRow.self).pointee.title) }
        case "note": { $0.assumingMemoryBound(to: ReadableRow.self).pointee.note.map(FieldValue.string) ?? .null }
        default: nil
        }
    }
}

@Suite struct FieldReaderTests {
    final class RowSerializer: Serializer {
        override class var fields: [any SerializerField] {
            [
                IntegerField("id", readOnly: true),
                CharField("title"),
                CharField("label", source: "pk"),
                CharField("note", allowNull: true),
                CharField("missing", required: false),
                CharField("fallback", source: "absent", default: .value(.string("d"))),
                MethodField("method") { row, _ in row.fieldValue("title")?.json ?? .null },
            ]
        }
    }

    func text(_ json: JSON) -> String { String(decoding: JSONWriter.render(json), as: UTF8.self) }

    @Test func readsThroughTheTypesReaders() throws {
        let row = ReadableRow(id: 7, title: "a\"b", note: nil)
        let data = try RowSerializer(instance: row).data
        #expect(text(data) == #"{"id":7,"title":"by reader: a\"b","label":"7","note":null,"fallback":"d","method":"by name: a\"b"}"#)
    }

    /// One list serializer over rows of different types: each row is read with its own type's
    /// readers (or by name), also when the type changes back and forth.
    @Test func switchesReadersWithTheRowsType() throws {
        let rows: [any FieldReadable] = [
            ReadableRow(id: 1, title: "x", note: "n"),
            Row(["id": .int(2), "title": .string("y"), "pk": .int(2), "note": .null]),
            ReadableRow(id: 3, title: "z", note: nil),
            ReadableRow(id: 4, title: "w", note: "m"),
        ]
        let data = try RowSerializer.many(instances: rows).data
        #expect(
            text(data) == "["
                + [
                    #"{"id":1,"title":"by reader: x","label":"1","note":"n","fallback":"d","method":"by name: x"}"#,
                    #"{"id":2,"title":"y","label":"2","note":null,"fallback":"d","method":"y"}"#,
                    #"{"id":3,"title":"by reader: z","label":"3","note":null,"fallback":"d","method":"by name: z"}"#,
                    #"{"id":4,"title":"by reader: w","label":"4","note":"m","fallback":"d","method":"by name: w"}"#,
                ].joined(separator: ",") + "]")
    }

    /// Fields adjusted on an instance are resolved for that instance, not the class's.
    @Test func adjustedFieldsResolveAgain() throws {
        let serializer = RowSerializer(instance: ReadableRow(id: 5, title: "t", note: nil))
        _ = try serializer.data
        serializer.fields = [CharField("title", source: "note", allowNull: true), IntegerField("id")]
        #expect(text(try serializer.data) == #"{"title":null,"id":5}"#)
    }

    /// A hyperlink reads its lookup field through the reader too, with the by-name path's
    /// rules: a null or empty key links to null; a missing reader falls back to `"id"` for "pk".
    @Test func hyperlinksReadTheirLookupField() throws {
        let serializer = Serializer(context: userContext())
        serializer.fields = [
            HyperlinkedIdentityField("url", viewName: "user-detail"),
            HyperlinkedIdentityField(
                "by_title", viewName: "user-detail", lookupField: "title",
                lookupURLKwarg: "pk"),
            HyperlinkedIdentityField(
                "by_note", viewName: "user-detail", lookupField: "note",
                lookupURLKwarg: "pk"),
        ]
        func row(_ instance: any FieldReadable) throws -> String { text(try serializer.toRepresentation(instance)) }
        #expect(
            try row(ReadableRow(id: 9, title: "t", note: ""))
                == #"{"url":"http://example.com/api/users/9/","by_title":"http://example.com/api/users/by reader: t/","by_note":null}"#)
        #expect(
            try row(ReadableRow(id: 8, title: "u", note: nil))
                == #"{"url":"http://example.com/api/users/8/","by_title":"http://example.com/api/users/by reader: u/","by_note":null}"#)
        #expect(
            try row(ReadableRow(id: 7, title: "", note: "ada"))
                == #"{"url":"http://example.com/api/users/7/","by_title":"http://example.com/api/users/by reader: /","by_note":"http://example.com/api/users/ada/"}"#
        )
        #expect(
            try row(Row(["id": .int(6), "title": .string(""), "note": .string("n")]))
                == #"{"url":"http://example.com/api/users/6/","by_title":null,"by_note":"http://example.com/api/users/n/"}"#)
        let unlinked = Serializer(context: SerializerContext())
        unlinked.fields = [HyperlinkedIdentityField("url", viewName: "user-detail")]
        #expect(throws: SerializerConfigurationError.self) { try unlinked.toRepresentation(ReadableRow(id: 1, title: "", note: nil)) }
    }
}
