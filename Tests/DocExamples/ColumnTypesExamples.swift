// The `///` examples of the column types (Sources/ValueCore, FieldValue, Choice, ColumnEnum,
// the coercions), compiled (DocCommentExampleTests finds them here).
import PostgreSQL
@testable import RESTFramework
@testable import RESTModels

enum ColumnTypeDocExamples {
    // FieldValue
    static func fieldValue() {
        let values: [String: FieldValue] = ["username": .string("ada"), "is_staff": .bool(false)]
        let budget: FieldValue = .decimal(DecimalNumber("1250.00")!)   // renders "1250.00"
        _ = (values, budget)
    }

    // DecimalNumber+Comparison
    static func decimalOrder() {
        DecimalNumber("1.50")!.compareValue(DecimalNumber("1.5")!)   // 0
        DecimalNumber("-2")!.compareValue(DecimalNumber("0.1")!)     // -1
    }

    // CalendarDuration+Comparison
    static func durationOrder() {
        CalendarDuration(months: 1).compareSpan(CalendarDuration(days: 30))   // 0
    }

    // PythonText+Values
    static func durationText() {
        PythonText.durationString(CalendarDuration(microseconds: -3_600_000_000))   // "-1 23:00:00"
    }

    // InMemoryEvaluation+ColumnTypes
    static func coercions() throws {
        try FieldValue.string("1250.5").coerced(like: .decimal(DecimalNumber(0)), field: "budget")   // .decimal(1250.5)
        try FieldValue.string("2024-02-29").coerced(like: .date(CalendarDate(daysSinceEpoch: 0)), field: "due")
    }

    // ColumnType.coerce
    static func columnTypeCoercion() throws {
        try ColumnType.numeric.coerce(.string("1250.50"), field: "budget")   // .decimal(1250.50)
        try ColumnType.date.coerce(.string("2024-02-30"), field: "due")       // throws
    }

    // Choice
    static func choice() {
        let planned = Choice(value: .string("planned"), displayName: "Planned")
        _ = planned
    }

    // ColumnEnum
    enum Status: String, ColumnEnum {
        case planned, active, done
    }

    enum Priority: Int16, ColumnEnum {
        case high = 1, normal = 2, low = 3

        var displayName: String {
            switch self {
            case .high: "High"
            case .normal: "Normal"
            case .low: "Low"
            }
        }
    }
}
