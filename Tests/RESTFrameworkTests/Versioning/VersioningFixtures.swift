@testable import RESTFramework
import RESTTesting

/// Views and URL confs for the versioning tests: no database.
enum VersioningFixtures {
    /// Echoes the version and a link reversed for the request (so the scheme's `reverse` shows).
    final class ThingView: APIView, GetHandler {
        func get(_ request: Request) throws -> Response {
            Response([
                "version": request.version.map(JSON.string) ?? .null,
                "link": .string(try reverse("thing-detail", kwargs: ["pk": "5"])),
            ])
        }
    }

    /// Authentication that always fails: a version error must answer before it runs.
    struct FailingAuthentication: Authentication {
        func authenticate(_ request: Request) throws -> AuthenticationResult? { throw AuthenticationFailed("Invalid token.") }
        func authenticateHeader(_ request: Request) -> String? { "Token" }
    }

    /// The same view with its own scheme, which wins over the settings'.
    final class QueryVersionedThingView: APIView, GetHandler {
        override class var versioningClass: (any Versioning)? { QueryParameterVersioning(allowedVersions: ["a", "b"]) }
        func get(_ request: Request) throws -> Response { Response(["version": request.version.map(JSON.string) ?? .null]) }
    }

    static func things() throws -> [URLConfEntry] {
        [try .path("things/", ThingView.asView(), name: "thing-list"), try .path("things/<pk>/", ThingView.asView(), name: "thing-detail")]
    }

    static func client(_ urls: URLConf, _ configure: (inout APISettings) -> Void) -> APIClient {
        var settings = APISettings()
        settings.allowedHosts = ["testserver", ".example.com"]
        configure(&settings)
        return APIClient(Application(urls: urls, settings: settings))
    }
}
