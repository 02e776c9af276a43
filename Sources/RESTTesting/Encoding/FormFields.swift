import RESTFramework

/// The form fields a JSON object stands for, as Django's test client turns a Python dict into
/// form data: a list is one field per item (`doseq`), a value is its Python `str()` (`True`,
/// `3`, `1.5`). Form data cannot say `null` (Django refuses it): such a member is left out.
/// A nested object or list has no form shape (DRF's test renderer refuses one); it is sent as
/// its JSON text, and `format: .json` is what such a test wants.
enum FormFields {
    static func pairs(of data: JSON) -> [(String, String)] {
        guard let object = data.objectValue else {
            // A bare value: the body is its text, under no name (a form with one unnamed value).
            return text(of: data).map { [("", $0)] } ?? []
        }
        var pairs: [(String, String)] = []
        for (key, value) in object {
            if case .array(let items) = value {
                for item in items { if let text = text(of: item) { pairs.append((key, text)) } }
            } else if let text = text(of: value) {
                pairs.append((key, text))
            }
        }
        return pairs
    }

    /// Python's `str()` of a scalar; JSON text for containers; nil for `null`.
    static func text(of value: JSON) -> String? {
        switch value {
        case .null: return nil
        case .bool(let flag): return flag ? "True" : "False"
        case .int(let number): return String(number)
        case .bigInt(let digits): return digits
        case .double(let number): return JSONWriter.pythonRepr(number)
        case .string(let string): return string
        case .array, .object: return JSONWriter.renderString(value)
        }
    }
}
