// The docs/framework.md example of versioning (one viewset serving v1 and v2 serializers),
// compiled (MarkdownSnippetTests finds it here); VersioningExampleTests runs it.
import RESTFramework

/// A song as the catalogue keeps it (in memory: the example needs no database).
struct Song: FieldReadable {
    let id: Int64, title: String, artist: String, seconds: Int64

    func fieldValue(_ name: String) -> FieldValue? {
        switch name {
        case "id", "pk": .int(id)
        case "title": .string(title)
        case "artist": .string(artist)
        case "seconds": .int(seconds)
        default: nil
        }
    }
}

/// v1: what the first clients were given.
final class SongSerializerV1: Serializer {
    override class var fields: [any SerializerField] {
        [IntegerField("id", readOnly: true), CharField("title", maxLength: 200)]
    }
}

/// v2: a link, the artist and the length; the link keeps the request's version.
final class SongSerializerV2: Serializer {
    override class var fields: [any SerializerField] {
        [HyperlinkedIdentityField("url", viewName: "song-detail"), CharField("title", maxLength: 200),
         CharField("artist", maxLength: 200), IntegerField("seconds", minValue: 0)]
    }
}

/// One viewset, two representations: `getSerializerClass` chooses by `request.version`.
final class SongViewSet: ReadOnlyModelViewSet<InMemoryQuerySet<Song>> {
    static let songs = [Song(id: 1, title: "Blue in Green", artist: "Miles Davis", seconds: 337)]
    override class var queryset: InMemoryQuerySet<Song>? { InMemoryQuerySet(songs) }

    override func getSerializerClass() throws -> Serializer.Type {
        request.version == "v1" ? SongSerializerV1.self : SongSerializerV2.self
    }
}

/// `/api/v1/songs/` and `/api/v2/songs/`: the version is a URL kwarg.
func songURLs() throws -> URLConf {
    var router = DefaultRouter()
    try router.register("songs", SongViewSet.self, basename: "song")
    return try URLConf([.include("api/<version>/", router)])
}

func versioningSettings() -> APISettings {
    var settings = APISettings()
    settings.versioningClass = URLPathVersioning()   // DRF's DEFAULT_VERSIONING_CLASS
    settings.allowedVersions = ["v1", "v2"]          // ALLOWED_VERSIONS: /api/v3/songs/ is a 404
    settings.defaultVersion = "v2"                   // DEFAULT_VERSION: when the request names none
    return settings
}

/// The same viewset, the version from the `include`'s namespace instead.
func namespacedSongURLs() throws -> URLConf {
    var router = DefaultRouter()
    try router.register("songs", SongViewSet.self, basename: "song")
    return try URLConf([.include("api/v1/", router, namespace: "v1"), .include("api/v2/", router, namespace: "v2")])
}

/// One view's own scheme wins over the settings': `?version=` here, whatever the rest use.
final class LegacySongViewSet: ReadOnlyModelViewSet<InMemoryQuerySet<Song>> {
    override class var queryset: InMemoryQuerySet<Song>? { InMemoryQuerySet(SongViewSet.songs) }
    override class var versioningClass: (any Versioning)? {
        QueryParameterVersioning(defaultVersion: "v1", allowedVersions: ["v1", "v2"])
    }
    override func getSerializerClass() throws -> Serializer.Type {
        request.version == "v1" ? SongSerializerV1.self : SongSerializerV2.self
    }
}
