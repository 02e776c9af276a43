/// What the form parsers keep besides `request.data`: DRF's `request.data` is a `QueryDict` for
/// form bodies (serializers treat such input as HTML form input: a missing boolean is false, list
/// fields read every value), and `request.FILES` holds the uploads.
///
///     let data = try request.data                     // ["tag": "y"]  (last value, as QueryDict.__getitem__)
///     try request.formData?.list("tag")               // ["x", "y"]
///     try request.files.first?.fileName               // "photo.png"
extension Request {
    /// The form fields as received (every value, in order) when a form parser read the body;
    /// nil for JSON bodies. Reading it reads `data` first.
    public var formData: QueryDict? {
        get throws {
            _ = try data
            return extensions[FormDataKey.self]
        }
    }

    /// The file parts of a `multipart/form-data` body (not part of `data`; see `MultiPartParser`).
    public var files: [UploadedFile] {
        get throws {
            _ = try data
            return extensions[UploadedFilesKey.self] ?? []
        }
    }
}

/// One file part of a multipart body: Django's `UploadedFile`, kept in memory.
public struct UploadedFile: Sendable, Equatable {
    /// The form field name (`name=`).
    public let fieldName: String
    /// The client's file name (`filename=`), never empty.
    public let fileName: String
    /// The part's Content-Type, if it had one.
    public let contentType: String?
    public let content: [UInt8]

    public init(fieldName: String, fileName: String, contentType: String?, content: [UInt8]) {
        self.fieldName = fieldName
        self.fileName = fileName
        self.contentType = contentType
        self.content = content
    }
}

enum FormDataKey: RequestExtensionKey { typealias Value = QueryDict }
enum UploadedFilesKey: RequestExtensionKey { typealias Value = [UploadedFile] }

extension QueryDict {
    /// The object `request.data` shows for a form: each key once, in first-seen order, with its
    /// last value (`QueryDict.__getitem__`). Built in one pass: looking each key up again, and
    /// inserting it into the object by a scan, was quadratic in the number of fields.
    var lastValueObject: JSON {
        var dict = PythonDict<String, JSON>(minimumCapacity: items.count)
        for item in items { dict.set(item.key, .string(item.value)) }
        return .object(JSONObject(uniquePairs: dict.pairs))
    }
}
