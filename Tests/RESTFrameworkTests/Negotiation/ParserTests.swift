import Testing
@testable import RESTFramework
import RESTTesting

struct ParserTests {
    static func request(_ body: String, contentType: String?, parsers: [any Parser] = APISettings().parserClasses) -> Request {
        let request = APIRequestFactory().generic(.post, "/", body: body, contentType: contentType)
        request.parsers = parsers
        return request
    }

    static func failure(_ request: Request) -> (status: Int, detail: JSON)? {
        do {
            _ = try request.data
            return nil
        } catch let error as any APIException {
            return (error.statusCode, error.responseData)
        } catch {
            return (0, .string("\(error)"))
        }
    }

    @Test func defaultParsersInDRFOrder() {
        #expect(
            APISettings().parserClasses.map(\.mediaType) == [
                "application/json", "application/x-www-form-urlencoded", "multipart/form-data",
            ])
    }

    @Test func jsonWithAndWithoutParameters() throws {
        #expect(try Self.request(#"{"a":1}"#, contentType: "application/json").data == ["a": 1])
        #expect(try Self.request(#"{"a":1}"#, contentType: "application/json; charset=utf-8").data == ["a": 1])
        #expect(try Self.request(#"{"a":1}"#, contentType: "Application/JSON;charset=UTF-8").data == ["a": 1])
        // DRF's media_type_matches: a wildcard Content-Type selects the first parser.
        #expect(try Self.request(#"[1]"#, contentType: "application/*").data == [1])
    }

    @Test func unsupportedMediaTypeQuotesTheHeaderVerbatim() {
        let cases: [(String?, String)] = [
            ("text/plain", #"Unsupported media type "text/plain" in request."#),
            (nil, #"Unsupported media type "" in request."#),
            ("", #"Unsupported media type "" in request."#),
            ("application/jsonx; charset=UTF-8", #"Unsupported media type "application/jsonx; charset=UTF-8" in request."#),
            ("application", #"Unsupported media type "application" in request."#),
        ]
        for (contentType, message) in cases {
            let failure = Self.failure(Self.request("x", contentType: contentType))
            #expect(failure?.status == 415)
            #expect(failure?.detail == ["detail": .string(message)])
        }
    }

    @Test func emptyBodyIsEmptyDataWhateverTheType() throws {
        for contentType in [nil, "", "text/plain", "application/json", "application/x-www-form-urlencoded"] {
            let request = Self.request("", contentType: contentType)
            #expect(try request.data == .object(JSONObject()))
        }
        #expect(try Self.request("", contentType: "application/x-www-form-urlencoded").formData == QueryDict())
        #expect(try Self.request("", contentType: "application/json").formData == nil)
    }

    @Test func jsonErrorsAre400() {
        let failure = Self.failure(Self.request("NaN", contentType: "application/json"))
        #expect(failure?.status == 400)
        #expect(failure?.detail == ["detail": "JSON parse error - Out of range float values are not JSON compliant: 'NaN'"])
    }

    @Test func formDataKeepsLastValueInDataAndEveryValueInFormData() throws {
        let request = Self.request(
            "tag=x&name=J%C3%B6rg+M&tag=y&empty=&flag&&", contentType: "application/x-www-form-urlencoded; charset=utf-8")
        #expect(try request.data == ["tag": "y", "name": "Jörg M", "empty": "", "flag": ""])
        #expect(try request.formData?.list("tag") == ["x", "y"])
        #expect(try request.files.isEmpty)
    }

    @Test func formBodyThatIsNotUTF8IsReadAsLatin1() throws {
        let request = APIRequestFactory().generic(
            .post, "/", body: Array("a=".utf8) + [0xE9], contentType: "application/x-www-form-urlencoded")
        request.parsers = [FormParser()]
        #expect(try request.data == ["a": "é"])
    }

    static let multipartBody = [
        "preamble",
        "--XyZ",
        #"Content-Disposition: form-data; name="title""#,
        "",
        "Hello\r\nWorld",
        "--XyZ",
        #"Content-Disposition: form-data; name="tag""#,
        "Content-Type: text/plain; charset=utf-8",
        "",
        "a",
        "--XyZ",
        #"Content-Disposition: form-data; name="tag""#,
        "",
        "b",
        "--XyZ",
        #"Content-Disposition: form-data; name="photo"; filename="C:\\dir\\me.png""#,
        "Content-Type: image/png",
        "",
        "PNGDATA",
        "--XyZ",
        #"Content-Disposition: form-data; name="empty_file"; filename="""#,
        "",
        "",
        "--XyZ",
        "Content-Type: text/plain",
        "",
        "no disposition",
        "--XyZ--",
        "epilogue",
    ].joined(separator: "\r\n")

    @Test func multipartTextFieldsAndFiles() throws {
        let request = Self.request(Self.multipartBody, contentType: #"multipart/form-data; boundary="XyZ""#)
        #expect(try request.data == ["title": "Hello\r\nWorld", "tag": "b", "empty_file": ""])
        #expect(try request.formData?.list("tag") == ["a", "b"])
        let files = try request.files
        #expect(files == [UploadedFile(fieldName: "photo", fileName: "me.png", contentType: "image/png", content: Array("PNGDATA".utf8))])
    }

    @Test func multipartWithoutPartsIsEmptyAndBadBoundaryIsAParseError() throws {
        #expect(try Self.request("garbage", contentType: "multipart/form-data; boundary=abc").data == .object(JSONObject()))
        let missing = Self.failure(Self.request("x", contentType: "multipart/form-data"))
        #expect(missing?.status == 400)
        #expect(missing?.detail == ["detail": "Multipart form parse error - Invalid boundary in multipart: None"])
        #expect(MultiPartParser.isValidBoundary("  a"))
        #expect(!MultiPartParser.isValidBoundary("   "))
        #expect(!MultiPartParser.isValidBoundary(""))
    }
}
