import Testing
@testable import RESTFramework

struct ExceptionTests {
    @Test func messagesAndCodesMatchDRF() {
        let cases: [(any APIException, Int, String, String)] = [
            (ParseError(), 400, "Malformed request.", "parse_error"),
            (AuthenticationFailed(), 401, "Incorrect authentication credentials.", "authentication_failed"),
            (NotAuthenticated(), 401, "Authentication credentials were not provided.", "not_authenticated"),
            (PermissionDenied(), 403, "You do not have permission to perform this action.", "permission_denied"),
            (NotFound(), 404, "Not found.", "not_found"),
            (Http404(), 404, "Not found.", "not_found"),
            (MethodNotAllowed(.patch), 405, #"Method "PATCH" not allowed."#, "method_not_allowed"),
            (NotAcceptable(), 406, "Could not satisfy the request Accept header.", "not_acceptable"),
            (UnsupportedMediaType("text/plain"), 415, #"Unsupported media type "text/plain" in request."#, "unsupported_media_type"),
            (Throttled(), 429, "Request was throttled.", "throttled"),
        ]
        for (exception, status, message, code) in cases {
            #expect(exception.statusCode == status)
            #expect(exception.responseData == ["detail": .string(message)])
            #expect(exception.code == code)
        }
        #expect(Http404("No User matches the given query.").responseData == ["detail": "No User matches the given query."])
    }

    @Test func throttledWording() {
        #expect(Throttled(wait: 1).message == "Request was throttled. Expected available in 1 second.")
        #expect(Throttled(wait: 3).message == "Request was throttled. Expected available in 3 seconds.")
        #expect(Throttled(waitSeconds: 2.1).message == "Request was throttled. Expected available in 3 seconds.")
        #expect(Throttled(wait: 3).headers["Retry-After"] == "3")
        #expect(Throttled(wait: 0).headers["Retry-After"] == nil)
        #expect(Throttled().headers.isEmpty)
    }

    @Test func validationErrorNormalization() {
        #expect(ValidationError("Bad.").detail == ["Bad."])
        #expect(ValidationError().detail == ["Invalid input."])
        #expect(ValidationError(["a", "b"]).detail == ["a", "b"])
        // A dict is kept as given; the serializer's as_serializer_error lists the values.
        let fields = ValidationError(["a": "x", "b": ["y"], "c": ["d": "z"]])
        #expect(fields.responseData == ["a": "x", "b": ["y"], "c": ["d": "z"]])
        #expect(fields.serializerErrors() == JSONObject([("a", ["x"]), ("b", ["y"]), ("c", ["d": "z"])]))
        #expect(ValidationError("Bad.").serializerErrors() == JSONObject([("non_field_errors", ["Bad."])]))
        #expect(ValidationError("Bad.").responseData == ["Bad."])
    }

    @Test func nonObjectBodies() {
        let expectations: [(JSON, String)] = [
            ([1], "list"), ("x", "str"), (1, "int"), (.bigInt("99999999999999999999"), "int"), (1.5, "float"), (true, "bool"),
        ]
        for (data, type) in expectations {
            #expect(
                ValidationError.nonObjectBody(data)?.responseData
                    == ["non_field_errors": [.string("Invalid data. Expected a dictionary, but got \(type).")]])
        }
        #expect(ValidationError.nonObjectBody(nil)?.responseData == ["non_field_errors": ["No data provided"]])
        #expect(ValidationError.nonObjectBody(["a": 1]) == nil)
    }
}
