/// DRF's `MultiPartParser` (Django's): `multipart/form-data` text fields into `data` like a form
/// (last value per name; every value in `request.formData`), file parts into `request.files`.
///
/// Files are *not* put into `data` (DRF merges them in as `UploadedFile` objects, which no
/// serializer field here reads). As in Django: a part without a `name` is skipped, a part with an
/// empty `filename=""` is an (empty) text field, bytes are read as UTF-8 with U+FFFD for invalid
/// sequences, the preamble and epilogue are ignored, and a body without any part is empty data.
/// Not supported: `Content-Transfer-Encoding: base64` parts (read as is) and Django's field count limit.
/// A missing or malformed boundary is DRF's
/// `Multipart form parse error - Invalid boundary in multipart: None`.
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
        for part in Self.parts(of: body, boundary: Array(("--" + boundary).utf8)) {
            guard let disposition = part.headers["content-disposition"],
                  let rawName = disposition.parameters.first(where: { $0.name == "name" })?.value else { continue }
            let name = HeaderParameters.trim(rawName[...])
            if let fileName = disposition.parameters.first(where: { $0.name == "filename" })?.value, !fileName.isEmpty {
                files.append(UploadedFile(fieldName: name, fileName: Self.baseName(fileName),
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

    struct Part {
        /// Lower-cased header name → (value, parameters).
        var headers: [String: (value: String, parameters: [(name: String, value: String)])]
        var content: ArraySlice<UInt8>
    }

    /// The parts between `--boundary` delimiters, as Django's `BoundaryIter` cuts them: the line
    /// break before a delimiter belongs to it; a part's headers end at the first blank line
    /// (a part without one is raw data and skipped).
    static func parts(of body: [UInt8], boundary delimiter: [UInt8]) -> [Part] {
        var positions: [Int] = []
        var search = 0
        while let found = firstIndex(of: delimiter, in: body, from: search) {
            positions.append(found)
            search = found + delimiter.count
        }
        var parts: [Part] = []
        for (n, position) in positions.enumerated() {
            let start = position + delimiter.count
            var stop = n + 1 < positions.count ? positions[n + 1] : body.count
            if n + 1 < positions.count {
                if stop > start && body[stop - 1] == 10 { stop -= 1 }
                if stop > start && body[stop - 1] == 13 { stop -= 1 }
            }
            let chunk = body[start..<stop]
            guard let headerEnd = firstIndex(of: [13, 10, 13, 10], in: body, from: start, before: stop) else { continue }
            var headers: [String: (value: String, parameters: [(name: String, value: String)])] = [:]
            let headerText = String(decoding: body[start..<headerEnd], as: UTF8.self)
            for line in headerText.split(separator: "\r\n") {
                let (main, parameters) = HeaderParameters.parse(String(line))
                guard let colon = main.firstIndex(of: ":") else { continue }
                let name = String(main[..<colon])
                headers[name] = (HeaderParameters.trim(main[main.index(after: colon)...]), parameters)
            }
            parts.append(Part(headers: headers, content: chunk[(headerEnd + 4)...]))
        }
        return parts
    }

    /// A plain forward search: bodies are small and boundaries short.
    static func firstIndex(of needle: [UInt8], in haystack: [UInt8], from start: Int, before limit: Int? = nil) -> Int? {
        let end = (limit ?? haystack.count) - needle.count
        guard !needle.isEmpty, start <= end else { return nil }
        let first = needle[0]
        var i = start
        while i <= end {
            if haystack[i] == first {
                var k = 1
                while k < needle.count && haystack[i + k] == needle[k] { k += 1 }
                if k == needle.count { return i }
            }
            i += 1
        }
        return nil
    }
}
