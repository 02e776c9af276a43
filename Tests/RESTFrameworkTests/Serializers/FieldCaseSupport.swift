import Testing
@testable import RESTFramework

/// Runs `cases` through `field` and returns a description of every case whose outcome differs
/// from DRF's: the validated value rendered (through `toRepresentation` and through the
/// byte-writing path, which must agree), or the field's messages.
func mismatches(_ field: any SerializerField, _ cases: [(String, Outcome)]) throws -> [String] {
    var failures: [String] = []
    for (input, expected) in cases {
        let json = try JSON.parse(input)
        let actual: Outcome
        switch try check(field, json) {
        case .success(let value):
            let value = value ?? .null
            let rendered = value.isNull ? "null" : JSONWriter.renderString(try field.toRepresentation(value, context: SerializerContext()))
            var bytes: [UInt8] = []
            _ = try field.writeRepresentation(of: Row([field.source: value]), context: SerializerContext(), into: &bytes)
            let written = String(decoding: bytes, as: UTF8.self)
            if written != rendered { failures.append("\(input): written \(written), rendered \(rendered)") }
            actual = .ok(rendered)
        case .failure(let errors):
            actual = .errors(errors.json.arrayValue?.compactMap { $0.stringValue } ?? ["\(errors.json)"])
        }
        if actual != expected { failures.append("\(input): got \(actual), DRF \(expected)") }
    }
    return failures
}
