/// The error answers' shapes, as components every operation refers to: DRF's
/// `{"detail": "..."}` (401, 403, 404, 412, 429, and a 400 for a body that does not parse) and a
/// serializer's field errors (`{"title": ["This field is required."]}`, nested objects for
/// nested serializers, `non_field_errors`).
enum ErrorSchemas {
    static let detailName = "ErrorDetail"
    static let validationName = "ValidationError"

    static var detail: JSON {
        PaginationSchema.object([("detail", ["type": "string"])])
    }

    /// Field → messages (or nested errors); a view may also raise a bare list of messages.
    static var validation: JSON {
        [
            "type": ["object", "array"],
            "additionalProperties": ["type": ["array", "object", "string"]],
            "items": ["type": ["string", "object"]],
        ]
    }

    static let descriptions: [Int: String] = [
        400: "Invalid input: each field's messages, or `detail` for a body that does not parse.",
        401: "No valid credentials: `detail` says why; `WWW-Authenticate` names the scheme.",
        403: "Not allowed: `detail` says why.",
        404: "Not found: no such object, page or cursor.",
        412: "Precondition failed: `If-Match` names no current tag, or `If-None-Match` matches it on a write; nothing changed.",
        429: "Throttled: `detail` says when to retry (`Request was throttled. Expected available in 3 seconds.`).",
    ]

    /// DRF's `Throttled` sends `Retry-After` (seconds) when the wait is known and not zero.
    static var retryAfterHeaders: JSON {
        [
            "Retry-After": [
                "description": "Seconds until a request may pass again.",
                "schema": ["type": "integer", "minimum": 1],
            ]
        ]
    }
}
