/// DRF's `MultiPartParser` (Django's): `multipart/form-data` text fields into `data` like a form
/// (last value per name; every value in `request.formData`), file parts into `request.files`.
///
/// Files are *not* put into `data` (DRF merges them in as `UploadedFile` objects, which no
/// serializer field here reads). As in Django: a part without a `name` is skipped, a part with an
/// empty `filename=""` is an (empty) text field, bytes are read as UTF-8 with U+FFFD for invalid
/// sequences, the preamble and epilogue are ignored, and a body without any part is empty data.
/// More parts that are not files than `request.dataUploadMaxNumberFields` allows is Django's
/// `TooManyFieldsSent`. Not supported: `Content-Transfer-Encoding: base64` parts (read as is).
/// A missing or malformed boundary is DRF's
/// `Multipart form parse error - Invalid boundary in multipart: None`. For example
/// (not compiled: a request's header and body):
///
///     // Content-Type: multipart/form-data; boundary=XyZ
///     // --XyZ\r\nContent-Disposition: form-data; name="title"\r\n\r\nHello\r\n--XyZ--\r\n
///     // → data ["title": "Hello"]
public struct MultiPartParser: Parser {
    public init() {}
    public var mediaType: String { "multipart/form-data" }

    public func parse(_ body: [UInt8], mediaType: String, request: Request) throws -> JSON {
        let (type, parameters) = HeaderParameters.parse(mediaType)
        guard type.hasPrefix("multipart/") else {
            throw ParseError("Multipart form parse error - Invalid Content-Type: \(type)")
        }
        let boundary = parameters.first { $0.name == "boundary" }?.value
        guard let boundary, Self.isValidBoundary(boundary) else {
            throw ParseError("Multipart form parse error - Invalid boundary in multipart: \(boundary ?? "None")")
        }
        var fields: [(String, String)] = []
        var files: [UploadedFile] = []
        // Django counts every part that is not a file against the field limit, the raw parts
        // before the first delimiter and after the last included (allowing 2 more for those),
        // as the parts come: a body of a million parts is refused after the first thousand.
        let limit = request.dataUploadMaxNumberFields
        var counted = 1  // the preamble
        for part in MultipartParts(body: body, delimiter: Array(("--" + boundary).utf8)) {
            let disposition = part.headers["content-disposition"]
            let fileName = disposition?.parameters.first(where: { $0.name == "filename" })?.value ?? ""
            if fileName.isEmpty {
                counted += 1
                if let limit, counted - 2 > limit { throw TooManyFieldsSent() }  // (no `limit + 2`: it may be Int.max)
            }
            guard let disposition, let rawName = disposition.parameters.first(where: { $0.name == "name" })?.value else { continue }
            let name = HeaderParameters.trim(rawName[...])
            if !fileName.isEmpty {
                files.append(
                    UploadedFile(
                        fieldName: name, fileName: Self.baseName(fileName),
                        contentType: part.headers["content-type"]?.value, content: Array(part.content)))
            } else {
                fields.append((name, String(decoding: part.content, as: UTF8.self)))
            }
        }
        let form = QueryDict(fields)
        request.extensions[FormDataKey.self] = form
        request.extensions[UploadedFilesKey.self] = files
        return form.lastValueObject
    }

    /// Django's `boundary_re.match`: `[ -~]{0,200}[!-~]` at the start.
    static func isValidBoundary(_ boundary: String) -> Bool {
        let bytes = Array(boundary.utf8)
        for (index, byte) in bytes.prefix(201).enumerated() {
            if byte >= 0x21 && byte <= 0x7E { return true }
            if byte != 0x20 || index == 200 { return false }
        }
        return false
    }

    /// Django's `sanitize_file_name`: the part after the last `/` or `\`.
    static func baseName(_ fileName: String) -> String {
        String(fileName.split(omittingEmptySubsequences: false) { $0 == "/" || $0 == "\\" }.last ?? "")
    }
}
