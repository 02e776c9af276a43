// srf-logging-fixture: an application built on APIServerMain whose views log, for the logging
// tests (Tests/RESTServerTests/LoggingTests.swift) behind a real nginx:
//
//     GET /api/reports/        logs through `request.logger` (info, and debug) and through a
//                              `Logger(label:)` of the bootstrapped LoggingSystem (notice)
//     GET /api/reports/boom/   throws an error no handler knows: a 500, logged with the request id
import Logging
import RESTFramework
import RESTServer

struct ReportFailed: Error, CustomStringConvertible {
    var description: String { "the report generator failed" }
}

final class ReportViewSet: ViewSet, ListAction {
    override class var permissionClasses: [any Permission]? { [AllowAny()] }

    func list(_ request: Request) throws -> Response {
        request.logger.info("report listed", metadata: ["rows": "3"])
        request.logger.debug("report details")
        Logger(label: "fixture.global").notice("logged through the LoggingSystem")
        return Response(["rows": 3])
    }

    override class var extraActions: [ExtraAction] {
        [
            .action("boom", detail: false) { (_: ReportViewSet, _) in throw ReportFailed() }
        ]
    }
}

APIServerMain.run(program: "srf-logging-fixture", database: nil) {
    var router = DefaultRouter()
    try router.register("reports", ReportViewSet.self, basename: "report")
    return Application(urls: try URLConf([.include("api/", router)]))
}
