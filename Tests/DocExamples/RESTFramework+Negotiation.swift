// The `///` examples of Sources/RESTFramework/Negotiation, compiled (DocCommentExampleTests finds them here).
import PostgreSQL
@testable import RESTFramework
@testable import RESTModels

extension DocHost {
    // BodyCharset, ContentNegotiation, HeaderParameters, MediaType
    func negotiation() throws {
        BodyCharset(contentType: "application/json; charset=ISO-8859-1")   // .latin1

        let chosen = try ContentNegotiation.select(request: request, renderers: [JSONRenderer()],
                                                   formatSuffix: nil, overrideParameter: "format")
        chosen.mediaType   // "application/json; indent=4" for `Accept: application/json; indent=4`

        let (value, params) = HeaderParameters.parse("Application/JSON; Indent=4")
        // value == "application/json", params == [("indent", "4")]
        _ = (value, params)

        let accepted = MediaType("application/json; indent=4")
        accepted.precedence                                    // 3
        MediaType("application/json").matches(accepted)        // true
        MediaType("application/json").matches(MediaType("text/*"))   // false
    }

    // FormParser, JSONParser, JSONRenderer
    func parsers() throws {
        let body = Array("tag=x&tag=y&name=".utf8)
        try FormParser().parse(body, mediaType: "application/x-www-form-urlencoded", request: request)
        // data ["tag": "y", "name": ""], and request.formData?.list("tag") == ["x", "y"]

        let data = try JSONParser().parse(Array(#"{"a":1}"#.utf8), mediaType: "application/json", request: request)
        _ = data

        JSONRenderer().render(["a": [1]], acceptedMediaType: "application/json; indent=2", request: nil)
        // {\n  "a": [\n    1\n  ]\n}
    }

    // MultipartParts
    func parts() {
        for part in MultipartParts(body: body, delimiter: Array("--XyZ".utf8)) {
            part.headers["content-disposition"]?.parameters   // [("name", "title")]
        }
    }

    // Request.data, formData, files
    func formData() throws {
        let data = try request.data                     // ["tag": "y"]  (last value, as QueryDict.__getitem__)
        try request.formData?.list("tag")               // ["x", "y"]
        try request.files.first?.fileName               // "photo.png"
        _ = data
    }
}
