import PostgreSQL
import RESTFramework
import RESTModels
import TestSupport
import Testing

/// ModelSerializer's create/update round trip, the unique validator, a unique race, related lookups.
@Suite(.needsTestsRun) struct ModelSerializerTests {
    static func context(_ connection: Connection) -> SerializerContext {
        var extensions = RequestExtensions()
        extensions[DatabaseKey.self] = connection
        return SerializerContext(extensions: extensions)
    }

    @Test func createAndUpdateRoundTrip() throws {
        try withModelsDatabase(schema: Widget.schema) { connection, _ in
            let ada = try User.objects(on: connection).insert(["username": "ada"])
            let create = BareWidgetSerializer(
                data: ["name": " gear ", "owner_id": .string(String(ada.id))],
                context: Self.context(connection))
            try create.isValid(raiseException: true)
            let saved = try create.save() as! Widget
            #expect(saved.id == 1 && saved.name == "gear" && saved.owner == "ada")
            #expect(try create.data.objectValue?["owner"] == .string("ada"))

            let update = BareWidgetSerializer(instance: saved, data: ["name": "cog"], partial: true, context: Self.context(connection))
            try update.isValid(raiseException: true)
            let updated = try update.save() as! Widget
            #expect(updated.name == "cog" && updated.ownerID == ada.id && updated.created == saved.created)
            #expect(try Widget.objects(on: connection).get(pk: 1).name == "cog")

            // save(extra) values land in their columns (the view's `author_id`/`owner_id`).
            let extra = BareWidgetSerializer(data: ["name": "bolt"], context: Self.context(connection))
            try extra.isValid(raiseException: true)
            #expect((try extra.save(["owner_id": .int(ada.id)]) as! Widget).owner == "ada")
        }
    }

    @Test func uniqueValidatorUsesItsMessageAndIgnoresTheInstance() throws {
        try withModelsDatabase(schema: Widget.schema) { connection, _ in
            let gear = try Widget.objects(on: connection).insert(["name": "gear"])
            let duplicate = BareWidgetSerializer(data: ["name": "gear"], context: Self.context(connection))
            #expect(try !duplicate.isValid())
            #expect(duplicate.errors == ["name": ["A widget with that name already exists."]])
            // Updating gear itself to the same name is fine.
            let same = BareWidgetSerializer(instance: gear, data: ["name": "gear"], context: Self.context(connection))
            #expect(try same.isValid())
            // No id was taken from the sequence by the rejected create.
            #expect(try Widget.objects(on: connection).insert(["name": "next"]).id == 2)
        }
    }

    @Test func aUniqueRaceIsTheValidatorsFourHundred() throws {
        try withModelsDatabase(schema: Widget.schema) { connection, database in
            let other = try Connection(url: database.url)
            let first = BareWidgetSerializer(data: ["name": "gear"], context: Self.context(connection))
            let second = BareWidgetSerializer(data: ["name": "gear"], context: Self.context(other))
            // Both validate before either inserts: both pass.
            #expect(try first.isValid())
            #expect(try second.isValid())
            try first.save()
            do {
                try second.save()
                Issue.record("the second insert should have violated the unique constraint")
            } catch let error as ValidationError {
                #expect(error.statusCode == 400)
                #expect(error.detail == ["name": ["A widget with that name already exists."]])
            }
            // Inside a transaction, the failed INSERT does not abort it.
            try other.transaction { other in
                let again = BareWidgetSerializer(data: ["name": "gear2"], context: Self.context(other))
                #expect(try again.isValid())
                try connection.execute("INSERT INTO widgets (name) VALUES ('gear2')")
                #expect(throws: ValidationError.self) { try again.save() }
                #expect(try Widget.objects(on: other).count() == 2)
            }
        }
    }

    @Test func relatedLookupAnswersByPrimaryKey() throws {
        try withModelsDatabase(schema: Widget.schema) { connection, _ in
            try seedUsers(connection)
            let lookup = ModelRelatedLookup(User.objects)
            #expect(try lookup.exists(pk: 2, context: Self.context(connection)))
            #expect(try !lookup.exists(pk: 99, context: Self.context(connection)))
            let activeStaff = ModelRelatedLookup(User.objects.filter(.field("is_staff", .exact(true))))
            #expect(try !activeStaff.exists(pk: 2, context: Self.context(connection)))
            for (sent, message) in [
                ("\"99\"", "Invalid pk \"99\" - object does not exist."),
                ("99999999999999999999", "Invalid pk \"99999999999999999999\" - object does not exist."),
                ("\"x\"", "Incorrect type. Expected pk value, received str."),
            ] {
                let serializer = BareWidgetSerializer(
                    data: try JSON.parse("{\"name\":\"w\",\"owner_id\":\(sent)}"),
                    context: Self.context(connection))
                #expect(try !serializer.isValid())
                #expect(serializer.errors == ["owner_id": [.string(message)]])
            }
        }
    }

    @Test func theViolatedColumnsComeFromTheDetail() {
        let single = PostgresError(
            kind: .server, sqlState: "23505", message: "duplicate",
            detail: "Key (username)=(ada) already exists.")
        let pair = PostgresError(
            kind: .server, sqlState: "23505", message: "duplicate",
            detail: "Key (account_id, user_id)=(1, 2) already exists.")
        let fields: [any SerializerField] = [CharField("username", validators: [UniqueValidator(User.objects, message: "Taken.")])]
        #expect(
            UniqueViolation.validationError(single, fields: fields, model: User.self, nonFieldErrorsKey: "non_field_errors")
                .detail == ["username": ["Taken."]])
        #expect(
            UniqueViolation.validationError(pair, fields: fields, model: User.self, nonFieldErrorsKey: "non_field_errors")
                .detail == ["non_field_errors": ["The fields account_id, user_id must make a unique set."]])
    }
}

/// The widget serializer without its hyperlink, for use outside a view (no URL conf to reverse).
final class BareWidgetSerializer: ModelSerializer<Widget> {
    override class var fields: [any SerializerField] {
        WidgetSerializer.fields.filter { !($0 is HyperlinkedIdentityField) }
    }
}
