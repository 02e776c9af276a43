// ReferenceAPI: the application of shared/spec/reference-api.md, built from the framework's
// public API the way a user builds their own.
//
//     let app = try ReferenceAPI.application(configuration: .fromEnvironment())
//     request.extensions[DatabaseKey.self] = connection
//     let rendered = app.handle(request)
//
// - Models/: the tables (users, auth_tokens, accounts, account_members, notes; part 2's tags,
//   projects, tasks and their task_tags; the sign-in sessions).
// - Authentication/: token and Basic credentials looked up in those tables (sessions in `sessions`).
// - Permissions/, Serializers/, ViewSets/, Views/: the resources, as DRF would write them.
// - Admin/: what `api-admin` does (create users, print tokens, load demo data).
import PostgreSQL
import RESTFramework
import RESTModels

public enum ReferenceAPI {
    /// Every model the application reads, for the startup check (`ModelCheck`).
    public static let models: [any Model.Type] = [
        User.self, Token.self, Account.self, AccountMember.self, Note.self, Tag.self, Project.self, Task.self,
    ]

    /// `api-admin check`: every difference between `models` and the tables, nil when none.
    public static func modelCheckReport(on connection: Connection) throws -> String? {
        try ModelCheck.report(of: models, on: connection)
    }

    /// The application: `settings(configuration:)` and `urls()`.
    public static func application(configuration: ReferenceConfiguration = ReferenceConfiguration()) throws -> Application {
        Application(urls: try urls(), settings: settings(configuration: configuration))
    }

    /// The equivalent of DRF's `REST_FRAMEWORK` setting (and Django's `PASSWORD_HASHERS`).
    public static func settings(configuration: ReferenceConfiguration) -> APISettings {
        let hasher = configuration.passwordHasher
        var settings = APISettings()
        // The spec's throttling: anonymous by address (`anon`), users by id (`user`), the token
        // view and failed Basic credentials by client (`login`), counted in PostgreSQL so that
        // every worker and process shares one count. No rates: nothing is set, nothing runs.
        let rates = configuration.throttleRates
        let store = PostgresThrottleStore()
        let loginThrottle = rates["login"].map { CredentialThrottle(scope: "login", rate: $0, store: store) }
        let sessions = sessions(configuration: configuration)
        settings.authenticationClasses = [
            TokenAuthentication(store: ModelTokenStore()),
            BasicAuthentication(store: ModelUserStore(), hasher: hasher, throttle: loginThrottle),
            // Last, so the 401s of part 1 keep token's `WWW-Authenticate` (the spec's "Browsable API").
            SessionAuthentication(sessions),
        ]
        if !rates.isEmpty {
            settings.throttleRates = rates
            settings.throttleStore = store
            var throttles: [any Throttle] = []
            if rates["anon"] != nil { throttles.append(AnonRateThrottle()) }
            if rates["user"] != nil { throttles.append(UserRateThrottle()) }
            if rates["login"] != nil { throttles.append(ScopedRateThrottle()) }
            settings.throttleClasses = throttles
        }
        settings.permissionClasses = [IsAuthenticated()]
        settings.pageSize = 10
        let countStrategy = configuration.paginationCount
        settings.paginationClass = {
            PageNumberPagination(pageSizeQueryParam: "page_size", maxPageSize: 100, countStrategy: countStrategy)
        }
        settings.parserClasses = [JSONParser(), FormParser(), MultiPartParser()]
        // DRF's default renderers: JSON, then the browsable API for browsers (its sign-in and
        // sign-out links go to the session views of `rest_framework.urls`).
        settings.rendererClasses = [
            JSONRenderer(),
            // The forms carry Django's masked CSRF token of the `csrftoken` cookie (set again
            // with the page, as Django does): a session request that changes data is CSRF-checked.
            BrowsableAPIRenderer(loginURL: "/api/auth/login/", logoutURL: "/api/auth/logout/", sessions: sessions),
        ]
        // `/api/auth-token/` reads forms without authentication: the field limit is what keeps
        // such a body cheap.
        settings.dataUploadMaxNumberFields = configuration.dataUploadMaxNumberFields
        settings.extensions[PasswordHasherSetting.self] = hasher
        return settings
    }

    /// `rest_framework.urls`' sessions: in the `sessions` table, signed with `SRF_SECRET_KEY`,
    /// back to the API root after signing in or out.
    static func sessions(configuration: ReferenceConfiguration) -> Sessions {
        var sessions = Sessions(
            secretKey: configuration.secretKey, store: DatabaseSessionStore(), users: ModelUserStore(),
            hasher: configuration.passwordHasher)
        sessions.loginRedirectURL = "/api/"
        sessions.logoutRedirectURL = "/api/"
        return sessions
    }

    /// A DefaultRouter at `/api/` (part 1's routes, then part 2's) and the token view beside it.
    public static func urls() throws -> URLConf {
        var router = DefaultRouter()
        try router.register("users", UserViewSet.self)
        try router.register("simple-users", SimpleUserViewSet.self, basename: "simple-user")
        try router.register("accounts", AccountViewSet.self, basename: "account")
        try router.register("public-accounts", PublicAccountViewSet.self, basename: "public-account")
        try router.register("notes", NoteViewSet.self)
        try router.register("tags", TagViewSet.self, basename: "tag")
        try router.register("projects", ProjectViewSet.self, basename: "project")
        try router.register("tasks", TaskViewSet.self, basename: "task")
        return try URLConf([
            .include("api/", router),
            .path("api/auth-token/", ObtainAuthToken.asView(), name: "api-token"),
            // A plain path, as DRF's: the router's root does not list it.
            .path("api/schema/", ReferenceSchemaView.asView(), name: "schema"),
            // DRF's `path("api/auth/", include("rest_framework.urls"))`.
            .path("api/auth/login/", LoginView.asView(), name: "login"),
            .path("api/auth/logout/", LogoutView.asView(), name: "logout"),
        ])
    }
}
