import Foundation
@testable import RESTFramework
import RESTTesting
import Testing

/// DRF's five versioning classes: the version each reads, allowed and default versions, DRF's
/// messages and statuses, and `reverse` keeping the version.
@Suite struct VersioningTests {
    typealias F = VersioningFixtures

    // MARK: URLPathVersioning

    @Test func urlPathReadsTheKwargAndKeepsItInLinks() throws {
        let client = F.client(try URLConf([.include("<version>/", try F.things())])) {
            $0.versioningClass = URLPathVersioning(allowedVersions: ["v1", "v2"])
        }
        let ok = client.get("/v2/things/")
        #expect(ok.status == 200)
        #expect(ok.json == ["version": "v2", "link": "http://testserver/v2/things/5/"])
        let bad = client.get("/v3/things/")
        #expect(bad.status == 404)
        #expect(bad.text == #"{"detail":"Invalid version in URL path."}"#)
    }

    /// DRF's URLPathVersioning adds the version to the kwargs even when the caller gave
    /// positional args, and Django's `reverse` then raises ValueError (no fallback): the same
    /// here, while the same call without a version scheme reverses.
    @Test func urlPathWithPositionalArgsRaisesAsDjangoDoes() throws {
        let urls = try URLConf([.include("<version>/", try F.things())])
        let request = APIRequestFactory().get("/v2/things/")
        request.version = "v2"
        request.versioningScheme = URLPathVersioning(allowedVersions: ["v1", "v2"])
        #expect(throws: ReverseArgumentsMixed.self) { try urls.reverse("thing-detail", args: ["5"], request: request) }
        #expect(try urls.reverse("thing-detail", kwargs: ["pk": "5"], request: request) == "http://testserver/v2/things/5/")
        let plain = try URLConf(try F.things())
        let unversioned = APIRequestFactory().get("/things/")
        #expect(try plain.reverse("thing-detail", args: ["5"], request: unversioned) == "http://testserver/things/5/")
    }

    @Test func urlPathDefaultVersionWhenTheURLHasNone() throws {
        let client = F.client(try URLConf(try F.things())) {
            $0.versioningClass = URLPathVersioning()
            $0.defaultVersion = "v1"
            $0.allowedVersions = ["v1", "v2"]
        }
        // No kwarg: the default; reversing with it fails, so the plain URL is used (DRF's fallback).
        #expect(client.get("/things/").json == ["version": "v1", "link": "http://testserver/things/5/"])
    }

    @Test func urlPathVersionParamFromTheSettings() throws {
        let client = F.client(try URLConf([.include("<api>/", try F.things())])) {
            $0.versioningClass = URLPathVersioning()
            $0.versionParam = "api"
        }
        #expect(client.get("/2024/things/").json == ["version": "2024", "link": "http://testserver/2024/things/5/"])
    }

    // MARK: NamespaceVersioning

    @Test func namespaceIsTheVersionAndNamesTheLinks() throws {
        let urls = try URLConf([
            .include("v1/", try F.things(), namespace: "v1"), .include("v2/", try F.things(), namespace: "v2"),
            .include("beta/", try F.things(), namespace: "beta"),
            .include("api/", [try .include("v2/", try F.things(), namespace: "v2")], namespace: "api"),
        ])
        #expect(urls.patterns.compactMap(\.name).contains("api:v2:thing-list"))
        #expect(urls.patterns.last?.namespace == "api:v2")
        let client = F.client(urls) { $0.versioningClass = NamespaceVersioning(allowedVersions: ["v1", "v2"]) }
        #expect(client.get("/v1/things/").json == ["version": "v1", "link": "http://testserver/v1/things/5/"])
        #expect(client.get("/v2/things/").json == ["version": "v2", "link": "http://testserver/v2/things/5/"])
        // Nested namespaces: the first allowed one.
        #expect(client.get("/api/v2/things/").json["version"] == "v2")
        let bad = client.get("/beta/things/")
        #expect(bad.status == 404)
        #expect(bad.text == #"{"detail":"Invalid version in URL path. Does not match any version namespace."}"#)
    }

    @Test func noNamespaceIsTheDefaultVersion() throws {
        let urls = try URLConf(try F.things() + [.include("v1/", try F.things(), namespace: "v1")])
        let client = F.client(urls) { $0.versioningClass = NamespaceVersioning(defaultVersion: "v1", allowedVersions: ["v1"]) }
        #expect(client.get("/things/").json == ["version": "v1", "link": "http://testserver/v1/things/5/"])
        #expect(throws: ImproperlyConfigured.self) { try URLConfEntry.include("x/", try F.things(), namespace: "a:b") }
    }

    // MARK: AcceptHeaderVersioning

    @Test func acceptHeaderParameterAnd406() throws {
        let client = F.client(try URLConf(try F.things())) {
            $0.versioningClass = AcceptHeaderVersioning(defaultVersion: "1.0", allowedVersions: ["1.0", "2.0"])
        }
        let ok = client.get("/things/", headers: ["Accept": "application/json; version=2.0"])
        #expect(ok.json == ["version": "2.0", "link": "http://testserver/things/5/"])
        #expect(client.get("/things/").json["version"] == "1.0")
        // A wildcard entry's parameters stay on the accepted type.
        #expect(client.get("/things/", headers: ["Accept": "*/*; version=2.0"]).json["version"] == "2.0")
        let bad = client.get("/things/", headers: ["Accept": "application/json; version=3.0"])
        #expect(bad.status == 406)
        #expect(bad.headers["Content-Type"] == "application/json")
        #expect(bad.text == #"{"detail":"Invalid version in \"Accept\" header."}"#)
        // Negotiation runs first: an unacceptable type is negotiation's 406.
        #expect(client.get("/things/", headers: ["Accept": "text/csv"]).json["detail"] == "Could not satisfy the request Accept header.")
    }

    @Test func acceptHeaderWithoutDefaultRefusesNoVersionWhenVersionsAreListed() throws {
        let client = F.client(try URLConf(try F.things())) { $0.versioningClass = AcceptHeaderVersioning(allowedVersions: ["1.0"]) }
        #expect(client.get("/things/").status == 406)
        let open = F.client(try URLConf(try F.things())) { $0.versioningClass = AcceptHeaderVersioning() }
        #expect(open.get("/things/").json["version"] == .null)
    }

    // MARK: HostNameVersioning

    @Test func hostNameFirstLabel() throws {
        let client = F.client(try URLConf(try F.things())) {
            $0.versioningClass = HostNameVersioning(defaultVersion: "v1", allowedVersions: ["v1", "v2"])
        }
        let ok = client.get("/things/", headers: ["Host": "v2.example.com:8080"])
        #expect(ok.json == ["version": "v2", "link": "http://v2.example.com:8080/things/5/"])
        #expect(client.get("/things/").json["version"] == "v1")  // testserver: not three labels
        #expect(client.get("/things/", headers: ["Host": "a.v2.example.com"]).json["version"] == "v1")
        let bad = client.get("/things/", headers: ["Host": "v3.example.com"])
        #expect(bad.status == 404)
        #expect(bad.text == #"{"detail":"Invalid version in hostname."}"#)
        #expect(HostNameVersioning.versionLabel(of: "v-1.example.com") == nil)
        #expect(HostNameVersioning.versionLabel(of: "[::1]:80") == nil)
    }

    // MARK: QueryParameterVersioning

    @Test func queryParameterAndLinksCarryIt() throws {
        let client = F.client(try URLConf(try F.things())) {
            $0.versioningClass = QueryParameterVersioning(allowedVersions: ["1.0", "2.0"])
            $0.defaultVersion = "1.0"
        }
        #expect(client.get("/things/?version=2.0").json == ["version": "2.0", "link": "http://testserver/things/5/?version=2.0"])
        // `?format=` is kept too, the parameters sorted by name (DRF's replace_query_param).
        #expect(client.get("/things/?version=2.0&format=json").json["link"] == "http://testserver/things/5/?format=json&version=2.0")
        #expect(client.get("/things/").json == ["version": "1.0", "link": "http://testserver/things/5/?version=1.0"])
        let bad = client.get("/things/?version=9")
        #expect(bad.status == 404)
        #expect(bad.text == #"{"detail":"Invalid version in query parameter."}"#)
        #expect(client.get("/things/?version=").status == 404)
    }

    @Test func replacingQueryParameter() {
        #expect(ReversedURL.replacingQueryParameter("v", with: "2", in: "/a/") == "/a/?v=2")
        #expect(ReversedURL.replacingQueryParameter("v", with: "2 b", in: "/a/?z=1&v=1&a=&v=3") == "/a/?a=&v=2+b&z=1")
    }

    // MARK: The lifecycle

    @Test func theVersionIsDeterminedBeforeAuthentication() throws {
        let client = F.client(try URLConf([.include("<version>/", try F.things())])) {
            $0.versioningClass = URLPathVersioning(allowedVersions: ["v1"])
            $0.authenticationClasses = [F.FailingAuthentication()]
        }
        #expect(client.get("/v9/things/").json == ["detail": "Invalid version in URL path."])
        #expect(client.get("/v1/things/").status == 401)
    }

    @Test func aViewsSchemeWinsAndNoSchemeMeansNoVersion() throws {
        let urls = try URLConf(try F.things() + [try .path("query/", F.QueryVersionedThingView.asView())])
        let versioned = F.client(urls) { $0.versioningClass = URLPathVersioning(defaultVersion: "v1") }
        #expect(versioned.get("/query/?version=b").json == ["version": "b"])
        #expect(versioned.get("/query/?version=c").status == 404)
        let plain = F.client(urls) { _ in }
        #expect(plain.get("/things/?version=2").json == ["version": nil, "link": "http://testserver/things/5/"])

        let request = APIRequestFactory().get("/things/")
        let view = F.ThingView.asView().makeView()
        #expect(try view.determineVersion(request).scheme == nil)
    }

    @Test func optionsAreFilledFromTheSettings() {
        var settings = APISettings()
        settings.defaultVersion = "1"
        settings.allowedVersions = ["1", "2"]
        settings.versionParam = "api"
        let filled = URLPathVersioning(defaultVersion: "2").options.filled(from: settings)
        #expect(filled.defaultVersion == "2" && filled.allowedVersions == ["1", "2"] && filled.versionParam == "api")
        #expect(URLPathVersioning().versionParam == "version")
        let scheme = URLPathVersioning(defaultVersion: "1", allowedVersions: ["2"])
        #expect(
            scheme.isAllowedVersion("1") && scheme.isAllowedVersion("2") && !scheme.isAllowedVersion("3") && !scheme.isAllowedVersion(nil))
        #expect(URLPathVersioning(allowedVersions: []).isAllowedVersion(nil))
    }
}

/// DRF's `HyperlinkedRelatedField.to_internal_value` under NamespaceVersioning: the link must
/// name the view in the request's version's namespace.
@Suite struct NamespacedHyperlinkTests {
    @Test func linksMustBeInTheRequestsNamespace() throws {
        var router = DefaultRouter()
        try router.register("projects", LinkTargetViewSet.self, basename: "project")
        let urls = try URLConf([.include("v1/", router, namespace: "v1"), .include("v2/", router, namespace: "v2")])
        let request = APIRequestFactory().get("/v2/tasks/")
        request.version = "v2"
        request.versioningScheme = NamespaceVersioning()
        var context = SerializerContext(request: request)
        context.extensions[URLConfKey.self] = urls
        let field = HyperlinkedRelatedField("project", viewName: "project-detail", queryset: projectsQueryset)
        let uuid = apolloID.uuidString.lowercased()
        #expect(try check(field, .string("/v2/projects/\(uuid)/"), context: context).value == .uuid(apolloID))
        #expect(
            try check(field, .string("/v1/projects/\(uuid)/"), context: context).messages == ["Invalid hyperlink - Incorrect URL match."])
    }
}
