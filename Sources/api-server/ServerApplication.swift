import PostgreSQL
import RESTFramework
import RESTModels

/// The application api-server serves. (Until the reference API lands: a health view that
/// checks the database, behind a DefaultRouter-style root.)
enum ServerApplication {
    static func make() throws -> Application {
        var settings = APISettings()
        settings.exceptionHandler = ModelExceptionHandler.wrapping(defaultExceptionHandler)
        let urls = try URLConf([.path("api/health/", HealthView.asView(), name: "health")])
        return Application(urls: urls, settings: settings)
    }
}

/// `GET /api/health/`: 200 `{"status":"ok","database":"ok"}`, or 503 while the database is down.
final class HealthView: APIView, GetHandler {
    func get(_ request: Request) throws -> Response {
        _ = try request.database.query("SELECT 1")
        return Response(["status": "ok", "database": "ok"])
    }
}
