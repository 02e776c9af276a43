import Foundation
import PostgreSQL
import RESTFramework

/// Turns a unique violation (23505) raised by an INSERT or UPDATE into the 400 the unique
/// validator would have given: `{"username":["A user with that username already exists."]}`.
/// That happens when two requests pass the validator at the same time and one of them loses
/// the race at the database.
///
/// The violated columns are read from the error's detail (`Key (username)=(ada) already
/// exists.`). One column that a serializer field writes: that field, with the message of its
/// `UniquenessValidator` (else "This field must be unique."). Several columns:
/// `non_field_errors` with DRF's unique-together message. Anything else: the same under
/// `non_field_errors`, never a 500.
public enum UniqueViolation {
    public static func validationError<M: Model>(
        _ error: PostgresError, fields: [any SerializerField],
        model: M.Type, nonFieldErrorsKey: String
    ) -> ValidationError {
        let columns = violatedColumns(error)
        if columns.count == 1 {
            for field in fields where !field.readOnly {
                guard let column = try? QuerySet<M>.writableColumn(UniqueValidator<M>.lastPart(of: field.source)).name,
                    column == columns[0]
                else { continue }
                let validator = field.validators.lazy.compactMap { $0 as? any UniquenessValidator }
                    .first { $0.covers(column: column) }
                let message = validator?.message ?? UniqueValidator<M>.defaultMessage
                return ValidationError(.object([(field.name, JSON.array([.string(message)]))]), code: "unique")
            }
        }
        let names = columns.isEmpty ? "" : columns.joined(separator: ", ")
        let message = names.isEmpty ? "This object violates a uniqueness constraint." : "The fields \(names) must make a unique set."
        return ValidationError(.object([(nonFieldErrorsKey, JSON.array([.string(message)]))]), code: "unique")
    }

    /// The column names in `Key (a, b)=(...)`; empty when the detail has no such key.
    static func violatedColumns(_ error: PostgresError) -> [String] {
        guard let detail = error.detail, let start = detail.range(of: "Key ("),
            let end = detail.range(of: ")=(", range: start.upperBound..<detail.endIndex)
        else { return [] }
        return detail[start.upperBound..<end.lowerBound].split(separator: ",").map {
            var name = $0.trimmingCharacters(in: .whitespaces)
            if name.hasPrefix("\""), name.hasSuffix("\""), name.count >= 2 {
                name = String(name.dropFirst().dropLast()).replacingOccurrences(of: "\"\"", with: "\"")
            }
            return name
        }
    }
}
