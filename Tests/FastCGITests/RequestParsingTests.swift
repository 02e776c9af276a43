import FastCGI
import Testing

/// `Request(params:)`: the path the application sees is the decoded request path, as nginx's
/// `$uri`, whichever way the web server splits it into CGI params.
@Suite struct RequestParsingTests {
    /// nginx with deploy/nginx/fastcgi_params: `SCRIPT_NAME` empty, `PATH_INFO` = `$uri`.
    @Test func pathFromPathInfo() {
        let request = Request(params: [
            ("SCRIPT_NAME", ""), ("PATH_INFO", "/api/a b/ü/"),
            ("REQUEST_URI", "/api/a%20b/%C3%BC/?x=%41"), ("QUERY_STRING", "x=%41"),
        ])
        #expect(request.path == "/api/a b/ü/")
        #expect(request.queryString == "x=%41")
    }

    /// Apache's mod_proxy_fcgi without `proxy-fcgi-pathinfo`: the whole decoded path in
    /// `SCRIPT_NAME`, no `PATH_INFO`. The raw `REQUEST_URI` must not win (it is still encoded).
    @Test func pathFromScriptNameWhenThereIsNoPathInfo() {
        let request = Request(params: [
            ("SCRIPT_NAME", "/api/a b/ü/"), ("REQUEST_URI", "/api/a%20b/%C3%BC/"),
            ("SCRIPT_FILENAME", "proxy:fcgi://localhost/api/a%20b/%C3%BC/"),
        ])
        #expect(request.path == "/api/a b/ü/")
    }

    /// Apache with `proxy-fcgi-pathinfo=unescape` (deploy/apache/api-server.conf): `SCRIPT_NAME`
    /// empty, the decoded path in `PATH_INFO`.
    @Test func pathFromApachePathInfo() {
        let request = Request(params: [
            ("SCRIPT_NAME", ""), ("PATH_INFO", "/api/users/3.json"),
            ("REQUEST_URI", "/api/users/3.json?format=json"),
        ])
        #expect(request.path == "/api/users/3.json")
        #expect(request.queryString == "format=json")
    }

    /// mod_fcgid on `<Location />` (deploy/apache/api-server.conf's notes): the path walk puts the
    /// first segment in `SCRIPT_NAME` and the rest in `PATH_INFO`; the request path is both.
    @Test func pathFromScriptNameAndPathInfo() {
        let request = Request(params: [("SCRIPT_NAME", "/api"), ("PATH_INFO", "/users/3/"), ("REQUEST_URI", "/api/users/3/")])
        #expect(request.path == "/api/users/3/")
        #expect(Request(params: [("SCRIPT_NAME", "/"), ("PATH_INFO", "")]).path == "/")
    }

    @Test func lastResortsAreTheRequestURIAndTheRoot() {
        #expect(Request(params: [("SCRIPT_NAME", ""), ("PATH_INFO", ""), ("DOCUMENT_URI", "/doc/")]).path == "/doc/")
        #expect(Request(params: [("REQUEST_URI", "/raw%20path/?q=1")]).path == "/raw%20path/")
        #expect(Request(params: [("REQUEST_METHOD", "GET")]).path == "/")
    }

    /// `include fastcgi_params; fastcgi_param SCRIPT_NAME "";` makes nginx send SCRIPT_NAME twice
    /// (Debian's file sets it to the path). The last value wins, as in PHP-FPM: the first would
    /// double the path.
    @Test func aRepeatedParamCountsWithItsLastValue() {
        let request = Request(params: [
            ("SCRIPT_NAME", "/api/users/"), ("HTTP_HOST", "example.com"), ("CONTENT_LENGTH", "7"), ("CONTENT_TYPE", "text/plain"),
            ("HTTP_AUTHORIZATION", "Token a"), ("HTTP_X_TRACE", "1"), ("REQUEST_METHOD", "GET"),
            ("SCRIPT_NAME", ""), ("PATH_INFO", "/api/users/"), ("HTTP_HOST", "example.com:8080"), ("CONTENT_LENGTH", "3"),
            ("CONTENT_TYPE", ""), ("HTTP_AUTHORIZATION", "Token b"), ("HTTP_X_TRACE", "2"), ("REQUEST_METHOD", "POST"),
        ])
        #expect(request.path == "/api/users/")
        #expect(request.method == "POST")
        #expect(request.host == "example.com:8080")
        #expect(request.contentLength == 3)
        #expect(request.contentType == nil)
        // The headers agree with the fields: one field per name, the last value.
        #expect(request.headers.values("host") == ["example.com:8080"])
        #expect(request.headers.values("content-length") == ["3"])
        #expect(request.headers.values("content-type") == [])
        #expect(request.headers.values("authorization") == ["Token b"])
        #expect(request.headers.values("x-trace") == ["2"])
        #expect(request.params["SCRIPT_NAME"] == "")
        #expect(request.params["HTTP_HOST"] == "example.com:8080")
        #expect(request.paramList.count == 15)  // every param as sent, repeats included
    }
}
