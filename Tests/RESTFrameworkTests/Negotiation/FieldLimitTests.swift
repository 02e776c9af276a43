import Testing
@testable import RESTFramework
import RESTTesting

/// Django's `DATA_UPLOAD_MAX_NUMBER_FIELDS` (`APISettings.dataUploadMaxNumberFields`, 1,000):
/// forms, multipart bodies and query strings with more fields are a 400 with a JSON `detail`.
@Suite struct FieldLimitTests {
    static let tooMany: JSON = ["detail": "The number of GET/POST parameters exceeded settings.DATA_UPLOAD_MAX_NUMBER_FIELDS."]

    static func form(_ count: Int) -> String { (0..<count).map { "f\($0)=\($0)" }.joined(separator: "&") }

    static func multipart(fields: Int, files: Int = 0, nameless: Int = 0) -> String {
        var parts = (0..<fields).map { "Content-Disposition: form-data; name=\"f\($0)\"\r\n\r\n\($0)" }
        parts += (0..<files).map { "Content-Disposition: form-data; name=\"up\"; filename=\"f\($0).txt\"\r\n\r\nfile \($0)" }
        parts += (0..<nameless).map { _ in "Content-Type: text/plain\r\n\r\nno name" }
        return parts.map { "--B\r\n" + $0 + "\r\n" }.joined() + "--B--\r\n"
    }

    static func request(_ body: String, contentType: String, limit: Int? = APISettings.defaultDataUploadMaxNumberFields) -> Request {
        let request = ParserTests.request(body, contentType: contentType)
        request.dataUploadMaxNumberFields = limit
        return request
    }

    @Test func settingsDefaultToDjangosThousand() {
        #expect(APISettings().dataUploadMaxNumberFields == 1_000)
        #expect(APIRequestFactory().post("/").dataUploadMaxNumberFields == 1_000)
    }

    @Test func aFormOfAThousandFieldsIsParsedAndOneMoreIsRefused() throws {
        let thousand = Self.request(Self.form(1_000), contentType: "application/x-www-form-urlencoded")
        #expect(try thousand.data.objectValue?.keys == (0..<1_000).map { "f\($0)" })
        let failure = ParserTests.failure(Self.request(Self.form(1_001), contentType: "application/x-www-form-urlencoded"))
        #expect(failure?.status == 400)
        #expect(failure?.detail == Self.tooMany)
    }

    @Test func emptyPairsCountAsDjangoCountsThem() {
        // "a=1" and a thousand `&`: 1,001 fields for parse_qsl, one for the QueryDict.
        let failure = ParserTests.failure(
            Self.request(
                "a=1" + String(repeating: "&", count: 1_000),
                contentType: "application/x-www-form-urlencoded"))
        #expect(failure?.detail == Self.tooMany)
    }

    @Test func noLimitParsesEveryField() throws {
        let request = Self.request(Self.form(20_000), contentType: "application/x-www-form-urlencoded", limit: nil)
        #expect(try request.data.objectValue?.count == 20_000)
        #expect(try request.formData?.items.count == 20_000)
    }

    @Test func theLargestLimitIsNoLimitAndNoTrap() throws {
        // A limit from the environment may be Int.max: the multipart count must not add to it.
        let multipart = Self.request(Self.multipart(fields: 3), contentType: "multipart/form-data; boundary=B", limit: .max)
        #expect(try multipart.data.objectValue?.count == 3)
        let form = Self.request(Self.form(3), contentType: "application/x-www-form-urlencoded", limit: .max)
        #expect(try form.data.objectValue?.count == 3)
    }

    @Test func aMultipartBodyOfAThousandFieldsIsParsedAndOneMoreIsRefused() throws {
        let thousand = Self.request(Self.multipart(fields: 1_000), contentType: "multipart/form-data; boundary=B")
        #expect(try thousand.data.objectValue?.keys == (0..<1_000).map { "f\($0)" })
        let failure = ParserTests.failure(Self.request(Self.multipart(fields: 1_001), contentType: "multipart/form-data; boundary=B"))
        #expect(failure?.status == 400)
        #expect(failure?.detail == Self.tooMany)
    }

    @Test func multipartFilesDoNotCountButPartsWithoutANameDo() throws {
        // As Django: only file parts are outside the count (they have a limit of their own there).
        let withFiles = Self.request(Self.multipart(fields: 1_000, files: 5), contentType: "multipart/form-data; boundary=B")
        #expect(try withFiles.data.objectValue?.count == 1_000)
        #expect(try withFiles.files.count == 5)
        let nameless = Self.request(Self.multipart(fields: 999, nameless: 2), contentType: "multipart/form-data; boundary=B")
        #expect(ParserTests.failure(nameless)?.detail == Self.tooMany)
        let fewer = Self.request(Self.multipart(fields: 998, nameless: 2), contentType: "multipart/form-data; boundary=B")
        #expect(try fewer.data.objectValue?.count == 998)
    }

    @Test func aMultipartBodyOfAHundredThousandEmptyPartsIsRefused() {
        let body = String(repeating: "--B", count: 100_000)
        #expect(ParserTests.failure(Self.request(body, contentType: "multipart/form-data; boundary=B"))?.detail == Self.tooMany)
    }

    // MARK: Through a view: the setting, and the query string

    final class Echo: APIView, GetHandler, PostHandler {
        func get(_ request: Request) throws -> Response { Response(["fields": .int(Int64(request.query.items.count))]) }
        func post(_ request: Request) throws -> Response { Response(try request.data) }
    }

    static func serve(_ request: Request, limit: Int?? = nil) -> Response {
        let view = Echo()
        if let limit { view.settings.dataUploadMaxNumberFields = limit }
        return view.dispatch(request)
    }

    @Test func aQueryStringOfAThousandFieldsIsServedAndOneMoreIsRefused() {
        let thousand = Self.serve(APIRequestFactory().get("/?" + Self.form(1_000)))
        #expect(thousand.status == 200 && thousand.data == ["fields": 1_000])
        let refused = Self.serve(APIRequestFactory().get("/?" + Self.form(1_001)))
        #expect(refused.status == 400)
        #expect(refused.data == Self.tooMany)
        let unlimited = Self.serve(APIRequestFactory().get("/?" + Self.form(1_001)), limit: .some(nil))
        #expect(unlimited.status == 200 && unlimited.data == ["fields": 1_001])
    }

    @Test func theViewsSettingIsTheLimit() {
        let three = Self.serve(APIRequestFactory().get("/?a&b&c"), limit: 3)
        #expect(three.status == 200)
        #expect(Self.serve(APIRequestFactory().get("/?a&b&c&d"), limit: 3).data == Self.tooMany)
        let form = APIRequestFactory().generic(
            .post, "/", body: "a=1&b=2&c=3&d=4",
            contentType: "application/x-www-form-urlencoded")
        let refused = Self.serve(form, limit: 3)
        #expect(refused.status == 400 && refused.data == Self.tooMany)
        let multipart = APIRequestFactory().generic(
            .post, "/", body: Self.multipart(fields: 4),
            contentType: "multipart/form-data; boundary=B")
        #expect(Self.serve(multipart, limit: 3).data == Self.tooMany)
        let accepted = APIRequestFactory().generic(
            .post, "/", body: Self.multipart(fields: 3),
            contentType: "multipart/form-data; boundary=B")
        #expect(Self.serve(accepted, limit: 3).data == ["f0": "0", "f1": "1", "f2": "2"])
    }
}
