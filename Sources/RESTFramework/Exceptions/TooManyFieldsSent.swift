/// Django's `TooManyFieldsSent`: a query string, form or multipart body with more fields than
/// `APISettings.dataUploadMaxNumberFields` (Django's `DATA_UPLOAD_MAX_NUMBER_FIELDS`, 1,000).
/// Django answers it with its HTML 400 page (DRF lets the exception through); here it is a
/// 400 with DRF's error shape and Django's message, like any other body that cannot be parsed
/// (not compiled: a request and its response):
///
///     // POST with 1,001 form fields → 400
///     // {"detail":"The number of GET/POST parameters exceeded settings.DATA_UPLOAD_MAX_NUMBER_FIELDS."}
public struct TooManyFieldsSent: MessageAPIException {
    public static let defaultStatus = 400
    public static let defaultDetail = "The number of GET/POST parameters exceeded settings.DATA_UPLOAD_MAX_NUMBER_FIELDS."
    public static let defaultCode = "parse_error"
    public let message: String, code: String
    public init(_ message: String? = nil, code: String? = nil) {
        self.message = message ?? Self.defaultDetail; self.code = code ?? Self.defaultCode
    }
}
