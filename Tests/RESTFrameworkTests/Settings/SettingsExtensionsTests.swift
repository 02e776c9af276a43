import Testing
@testable import RESTFramework
import RESTTesting

/// The application's own settings, typed, next to the framework's.
@Suite struct SettingsExtensionsTests {
    enum Greeting: SettingsExtensionKey { typealias Value = String }
    enum Hasher: SettingsExtensionKey { typealias Value = PasswordHasher }

    /// Reads the application's setting the way a view does: through `settings`.
    final class GreetingView: APIView, GetHandler {
        override class var permissionClasses: [any Permission]? { [AllowAny()] }
        func get(_ request: Request) throws -> Response {
            Response(["greeting": .string(settings.extensions[Greeting.self] ?? "none")])
        }
    }

    @Test func valuesAreTypedByKeyAndAbsentUntilSet() {
        var extensions = SettingsExtensions()
        #expect(extensions[Greeting.self] == nil)
        extensions[Greeting.self] = "hello"
        extensions[Hasher.self] = PasswordHasher(iterations: 7)
        #expect(extensions[Greeting.self] == "hello")
        #expect(extensions[Hasher.self]?.iterations == 7)
        extensions[Greeting.self] = nil
        #expect(extensions[Greeting.self] == nil)
    }

    @Test func viewsReadThemFromTheApplicationsSettings() throws {
        var settings = APISettings()
        settings.extensions[Greeting.self] = "bonjour"
        let urls = try URLConf([.path("greeting/", GreetingView.asView())])
        let configured = send(Application(urls: urls, settings: settings), .get, "/greeting/")
        #expect(bodyText(configured) == #"{"greeting":"bonjour"}"#)
        #expect(bodyText(send(Application(urls: urls), .get, "/greeting/")) == #"{"greeting":"none"}"#)
    }
}
