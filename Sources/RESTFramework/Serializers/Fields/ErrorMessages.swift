/// A field's messages: its class's defaults, overridden by `errorMessages:`, with `{name}`
/// placeholders filled (DRF's `self.fail(key, **kwargs)`).
struct ErrorMessages {
    static let base: [String: String] = [
        "required": "This field is required.",
        "null": "This field may not be null.",
    ]

    // Kept apart and looked up in order (the overrides, the field's defaults, the base) rather
    // than merged: fields make their messages for every validation, and merging two
    // dictionaries each time cost more than the validation itself.
    let defaults: [String: String]
    let overrides: [String: String]

    init(defaults: [String: String], overrides: [String: String]) {
        self.defaults = defaults
        self.overrides = overrides
    }

    /// The text for `key`, before formatting.
    func template(_ key: String) -> String? {
        overrides[key] ?? defaults[key] ?? ErrorMessages.base[key]
    }

    func message(_ key: String, _ parameters: [String: String] = [:]) -> String {
        var text = template(key) ?? "Invalid value."
        for (name, value) in parameters { text = Self.replacing("{" + name + "}", with: value, in: text) }
        return text
    }

    /// The `ValidationError` DRF's `fail` raises: a one-message list.
    /// Every occurrence of `token` replaced, comparing UTF-8 bytes: what Foundation's literal
    /// `replacingOccurrences` did (it compares UTF-16 units), without bridging through NSString,
    /// and far cheaper than the standard library's generic `replacing`. Text fields build their
    /// length validator, and with it a message, each time they validate.
    static func replacing(_ token: String, with value: String, in text: String) -> String {
        var token = token, bytes = text
        return token.withUTF8 { pattern in
            bytes.withUTF8 { source in
                guard let first = pattern.first, source.count >= pattern.count else { return text }
                var result: [UInt8] = []
                var index = 0, copied = 0
                while index + pattern.count <= source.count {
                    if source[index] == first, UnsafeBufferPointer(rebasing: source[index..<index + pattern.count]).elementsEqual(pattern) {
                        if result.isEmpty { result.reserveCapacity(source.count + value.utf8.count) }
                        result.append(contentsOf: UnsafeBufferPointer(rebasing: source[copied..<index]))
                        result.append(contentsOf: value.utf8)
                        index += pattern.count
                        copied = index
                    } else {
                        index += 1
                    }
                }
                guard copied > 0 else { return text }
                result.append(contentsOf: UnsafeBufferPointer(rebasing: source[copied...]))
                return String(decoding: result, as: UTF8.self)
            }
        }
    }

    func fail(_ key: String, _ parameters: [String: String] = [:]) -> ValidationError {
        ValidationError(.array([.string(message(key, parameters))]), code: key)
    }
}
