/// Python's `json.dumps(value)` with its defaults: `", "` and `": "` between members, every
/// character outside printable ASCII escaped as `\uXXXX` (lower-case hex, astral characters as
/// surrogate pairs). What DRF's `JSONField(binary=True)` renders, inside a JSON string.
///
///     PythonJSON.dumps(["a": [1, 2.5, nil], "é": true])   // {"a": [1, 2.5, null], "\u00e9": true}
enum PythonJSON {
    static func dumps(_ value: JSON) -> String {
        var out = ""
        write(value, into: &out)
        return out
    }

    private static func write(_ value: JSON, into out: inout String) {
        switch value {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .int(let i): out += String(i)
        case .bigInt(let text): out += text
        case .double(let d): out += JSONWriter.pythonRepr(d)
        case .string(let s): writeString(s, into: &out)
        case .array(let items):
            out += "["
            for (index, item) in items.enumerated() {
                if index > 0 { out += ", " }
                write(item, into: &out)
            }
            out += "]"
        case .object(let object):
            out += "{"
            for (index, member) in object.pairs.enumerated() {
                if index > 0 { out += ", " }
                writeString(member.key, into: &out)
                out += ": "
                write(member.value, into: &out)
            }
            out += "}"
        }
    }

    private static func writeString(_ text: String, into out: inout String) {
        out += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            case " "..."~": out.unicodeScalars.append(scalar)
            default:
                if scalar.value > 0xFFFF {
                    let offset = scalar.value - 0x10000
                    out += hexEscape(0xD800 + (offset >> 10)) + hexEscape(0xDC00 + (offset & 0x3FF))
                } else {
                    out += hexEscape(scalar.value)
                }
            }
        }
        out += "\""
    }

    private static func hexEscape(_ unit: UInt32) -> String {
        let hex = String(unit, radix: 16)
        return "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
    }
}
