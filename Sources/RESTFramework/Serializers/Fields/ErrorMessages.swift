/// A field's messages: its class's defaults, overridden by `errorMessages:`, with `{name}`
/// placeholders filled (DRF's `self.fail(key, **kwargs)`).
struct ErrorMessages {
    static let base: [String: String] = [
        "required": "This field is required.",
        "null": "This field may not be null.",
    ]

    let messages: [String: String]

    init(defaults: [String: String], overrides: [String: String]) {
        messages = ErrorMessages.base.merging(defaults) { $1 }.merging(overrides) { $1 }
    }

    func message(_ key: String, _ parameters: [String: String] = [:]) -> String {
        var text = messages[key] ?? "Invalid value."
        for (name, value) in parameters { text = text.replacingOccurrences(of: "{\(name)}", with: value) }
        return text
    }

    /// The `ValidationError` DRF's `fail` raises: a one-message list.
    func fail(_ key: String, _ parameters: [String: String] = [:]) -> ValidationError {
        ValidationError(.array([.string(message(key, parameters))]), code: key)
    }
}
