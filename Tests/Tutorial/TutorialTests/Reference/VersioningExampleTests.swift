import RESTFramework
import RESTTesting
import Testing

/// docs/framework.md, "Versioning": one viewset serving v1 and v2, through the test client.
@Suite struct VersioningExampleTests {
    static let v1Song: JSON = ["id": 1, "title": "Blue in Green"]
    static func v2Song(_ url: String) -> JSON {
        ["url": .string(url), "title": "Blue in Green", "artist": "Miles Davis", "seconds": 337]
    }

    @Test func urlPathVersionsChooseTheSerializer() throws {
        let client = APIClient(Application(urls: try songURLs(), settings: versioningSettings()))
        #expect(client.get("/api/v1/songs/").json == [Self.v1Song])
        #expect(client.get("/api/v1/songs/1/").json == Self.v1Song)
        #expect(client.get("/api/v2/songs/").json == [Self.v2Song("http://testserver/api/v2/songs/1/")])
        #expect(client.get("/api/v2/").json == ["songs": "http://testserver/api/v2/songs/"])
        let unknown = client.get("/api/v3/songs/")
        #expect(unknown.status == 404)
        #expect(unknown.json == ["detail": "Invalid version in URL path."])
    }

    @Test func namespacesServeTheSameViewSet() throws {
        var settings = versioningSettings()
        settings.versioningClass = NamespaceVersioning()
        let client = APIClient(Application(urls: try namespacedSongURLs(), settings: settings))
        #expect(client.get("/api/v1/songs/").json == [Self.v1Song])
        #expect(client.get("/api/v2/songs/1/").json == Self.v2Song("http://testserver/api/v2/songs/1/"))
        #expect(client.get("/api/v1/").json == ["songs": "http://testserver/api/v1/songs/"])
    }

    @Test func aViewsOwnSchemeWins() throws {
        var router = DefaultRouter()
        try router.register("songs", LegacySongViewSet.self, basename: "song")
        let client = APIClient(Application(urls: try URLConf([.include("legacy/", router)]), settings: versioningSettings()))
        #expect(client.get("/legacy/songs/").json == [Self.v1Song])
        #expect(client.get("/legacy/songs/?version=v2").json == [Self.v2Song("http://testserver/legacy/songs/1/?version=v2")])
        #expect(client.get("/legacy/songs/?version=v9").json == ["detail": "Invalid version in query parameter."])
    }
}
