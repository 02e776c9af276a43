// The `///` examples of Sources/RESTFramework/Versioning and the namespaced `include`, compiled
// (DocCommentExampleTests finds them here).
@testable import RESTFramework
@testable import RESTModels

// Versioning
enum VersioningExample {
    final class UserViewSet: ModelViewSet<QuerySet<User>> {
        override class var queryset: QuerySet<User>? { User.objects.orderBy("id") }
        override class var versioningClass: (any Versioning)? { URLPathVersioning(allowedVersions: ["v1", "v2"]) }
        override func getSerializerClass() throws -> Serializer.Type {
            request.version == "v1" ? BriefUserSerializer.self : UserSerializer.self
        }
    }
}

extension DocHost {
    func versioningExamples(settings: inout APISettings) throws {
        // VersioningOptions
        var scheme = QueryParameterVersioning(defaultVersion: "1.0", allowedVersions: ["1.0", "2.0"])
        scheme.options.versionParam = "v"   // ?v=2.0

        // URLPathVersioning, NamespaceVersioning
        var router = DefaultRouter()
        try router.register("users", UserViewSet.self)
        let byKwarg = try URLConf([.include("<version>/", router)])            // URLPathVersioning
        let byNamespace = try URLConf([.include("v1/", router, namespace: "v1"),
                                       .include("v2/", router, namespace: "v2")])   // NamespaceVersioning

        // AcceptHeaderVersioning, HostNameVersioning, QueryParameterVersioning
        settings.versioningClass = AcceptHeaderVersioning()          // Accept: application/json; version=1.0
        settings.versioningClass = HostNameVersioning()              // Host: v1.example.com
        settings.versioningClass = QueryParameterVersioning()        // GET /books/?version=1.0

        // ReversedURL
        ReversedURL.replacingQueryParameter("version", with: "v2", in: "http://host/books/?format=json")
        // "http://host/books/?format=json&version=v2"

        // URLConfEntry.include(_:_:namespace:)
        let urls = try URLConf([.include("v1/", router, namespace: "v1"), .include("v2/", router, namespace: "v2")])
        try urls.reverse("v2:book-list")   // "/v2/books/"
        _ = (scheme, byKwarg, byNamespace)
    }
}
