import Foundation
import PostgreSQL
import RESTFramework
import RESTModels
import TestSupport
import Testing

/// The spec's project columns that the scalar fields serve: a uuid key, numeric(12,2), dates,
/// an interval, a time.
struct PlanRow: Model, Identifiable {
    var id: UUID
    var budget: DecimalNumber?
    var starts: CalendarDate?
    var estimate: CalendarDuration?
    var opens: TimeOfDay?

    static let tableName = "plans"
    static let fields = Fields(
        PlanRow.init, Field("id", \.id), Field("budget", \.budget), Field("starts", \.starts),
        Field("estimate", \.estimate), Field("opens", \.opens))
}

final class PlanSerializer: Serializer {
    override class var fields: [any SerializerField] {
        [
            UUIDField("id", readOnly: true),
            DecimalField("budget", maxDigits: 12, decimalPlaces: 2, minValue: 0, required: false, allowNull: true),
            DateField("starts", required: false, allowNull: true),
            DurationField("estimate", required: false, allowNull: true),
            TimeField("opens", required: false, allowNull: true),
        ]
    }
}

/// Validated values go to PostgreSQL as bound parameters and come back as the columns store
/// them; rows read from the server render through the fields' byte-writing path as DRF renders
/// the values psycopg gives it.
@Suite(.needsTestsRun) struct ScalarFieldModelTests {
    static let schema = """
        CREATE TABLE plans (
            id uuid PRIMARY KEY DEFAULT gen_random_uuid(), budget numeric(12,2) NULL CHECK (budget >= 0),
            starts date NULL, estimate interval NULL, opens time NULL);
        """

    @Test func writesAndReadsThroughTheDatabase() throws {
        try withModelsDatabase(schema: Self.schema) { connection, _ in
            let plans = PlanRow.objects(on: connection)
            let serializer = PlanSerializer(data: [
                "budget": "1e3", "starts": "2026-W49-7", "estimate": "P1DT2H30M", "opens": "T0930",
            ])
            #expect(try serializer.isValid())
            let stored = try plans.insert(serializer.validatedData)
            #expect(stored.budget == DecimalNumber("1000.00"))
            #expect(stored.starts == CalendarDate(year: 2026, month: 12, day: 6))
            #expect(stored.estimate == CalendarDuration(days: 1, microseconds: 9_000_000_000))

            // Values only the server writes: a scale below the column's, months in an interval
            // (psycopg's 30 days), negative zero (numeric stores 0.00), microseconds. A random
            // key sorts after the 00000000-... ones but once in 2^32 runs.
            try connection.execute(
                """
                INSERT INTO plans (id, budget, starts, estimate, opens) VALUES
                    ('00000000-0000-0000-0000-0000000000aa', 1250.5, '2026-01-05', '1 mon 2 days -01:00:00', '23:59:59.000001'),
                    ('00000000-0000-0000-0000-0000000000bb', -0.00, NULL, '-00:00:00.5', NULL)
                """)
            let rows = try plans.orderBy("id").all()
            let data = try PlanSerializer.many(instances: rows).data
            let storedID = stored.id.uuidString.lowercased()
            #expect(
                JSONWriter.renderString(data)
                    == "["
                    + #"{"id":"00000000-0000-0000-0000-0000000000aa","budget":"1250.50","starts":"2026-01-05","estimate":"31 23:00:00","opens":"23:59:59.000001"},"#
                    + #"{"id":"00000000-0000-0000-0000-0000000000bb","budget":"0.00","starts":null,"estimate":"-1 23:59:59.500000","opens":null},"#
                    + #"{"id":"\#(storedID)","budget":"1000.00","starts":"2026-12-06","estimate":"1 02:30:00","opens":"09:30:00"}"#
                    + "]")
        }
    }
}
