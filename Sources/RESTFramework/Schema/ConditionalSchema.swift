/// What `ConditionalRequests` adds to a detail operation: the `If-Match` and `If-None-Match`
/// headers on `retrieve`, `update`, `partial_update` and `destroy`; on `retrieve` the 200's
/// `ETag` and the 304 without a body; and the 412 (`ErrorSchemas`) on all four.
enum ConditionalSchema {
    static func applies(to action: ViewSetAction?, _ viewAnswersConditionals: Bool) -> Bool {
        guard viewAnswersConditionals, let action else { return false }
        return [.retrieve, .update, .partialUpdate, .destroy].contains(action)
    }

    static var parameters: [JSON] {
        [
            header(
                "If-Match",
                "Entity tags (from `ETag`); the request proceeds only when one is the current tag, or `*` when the object exists. Else 412."
            ),
            header(
                "If-None-Match",
                "Entity tags; when one matches the current tag (or `*`), a GET answers 304 and a write 412."),
        ]
    }

    static var etagHeaders: JSON {
        ["ETag": ["description": "The representation's strong entity tag.", "required": true, "schema": ["type": "string"]]]
    }

    static var notModified: JSON {
        ["description": "Not modified: `If-None-Match` matches the current `ETag`; no body.", "headers": etagHeaders]
    }

    static func header(_ name: String, _ description: String) -> JSON {
        [
            "name": .string(name), "in": "header", "required": false, "description": .string(description),
            "schema": ["type": "string"],
        ]
    }
}
