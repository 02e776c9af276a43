// The throttling examples of docs/framework.md, compiled (MarkdownSnippetTests checks them).
import RESTFramework
import RESTModels

// MARK: - Throttling

func throttlingSettings(users: any UserCredentialStore) throws -> APISettings {
    var settings = APISettings()
    settings.throttleClasses = [AnonRateThrottle(), UserRateThrottle(), ScopedRateThrottle()]
    settings.throttleRates = try ThrottleRates(["anon": "100/min", "user": "1000/day", "uploads": "10/h"])
    settings.throttleStore = PostgresThrottleStore()   // one count for every process and host
    settings.numProxies = 1                            // nginx in front sets X-Forwarded-For
    // Failed Basic credentials count against `login`, before any password is hashed.
    let login = CredentialThrottle(scope: "login", rate: try ThrottleRate("5/min"), store: PostgresThrottleStore())
    settings.authenticationClasses = [BasicAuthentication(store: users, throttle: login)]
    return settings
}

final class UploadView: APIView, PostHandler {
    override class var throttleScope: String? { "uploads" }   // ScopedRateThrottle's rate
    func post(_ request: Request) throws -> Response { Response(["stored": true], status: 201) }
}

final class ReportView: APIView, GetHandler {
    // DRF's `throttle_classes` on one view: its own list, whatever the settings say.
    override class var throttleClasses: [any Throttle]? { [UserRateThrottle(rate: try? ThrottleRate("10/min"))] }
    func get(_ request: Request) throws -> Response { Response(["rows": 0]) }

    // DRF's `get_throttles`: per request, e.g. none for staff.
    override func getThrottles() -> [any Throttle] {
        request.user.isStaff ? [] : super.getThrottles()
    }
}
