/// Python's `str()` of any parsed JSON value, as DRF's messages show input they refuse
/// (`"{input}" is not a valid choice.`): a list or a dict shows its members' `repr()`.
///
///     PythonText.display(["a", 1, true, nil])   // "['a', 1, True, None]"
extension PythonText {
    /// `str(value)`.
    static func display(_ value: JSON) -> String {
        switch value {
        case .string(let s): return s
        case .array, .object: return representation(value)
        default: return str(value) ?? ""
        }
    }

    /// `repr(value)`: strings quoted as Python quotes them, containers with `, ` and `: `.
    static func representation(_ value: JSON) -> String {
        switch value {
        case .string(let s): return repr(s)
        case .array(let items): return "[" + items.map(representation).joined(separator: ", ") + "]"
        case .object(let object):
            return "{" + object.pairs.map { repr($0.key) + ": " + representation($0.value) }.joined(separator: ", ") + "}"
        default: return str(value) ?? ""
        }
    }
}
