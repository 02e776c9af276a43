// srf-relations-bench: the relations benchmark's API (Tests/Benchmarks/relations.py), served the
// way api-server serves the reference API: `GET /bench/tasks/?page=n[&page_size=10]` over the
// reference models of tags, projects and tasks (the part-2 migration's tables, relations.sql's
// rows). A benchmark fixture beside the part-2 reference API, not the part-2 tasks list itself.
import ReferenceAPI
import RESTFramework
import RESTServer

APIServerMain.run(program: "srf-relations-bench", models: [User.self, Account.self, Tag.self, Project.self, Task.self]) {
    var router = DefaultRouter()
    try router.register("tasks", TaskViewSet.self, basename: "task")
    var settings = APISettings()
    settings.pageSize = 100
    settings.paginationClass = { PageNumberPagination(pageSizeQueryParam: "page_size", maxPageSize: 100) }
    settings.rendererClasses = [JSONRenderer()]
    return Application(urls: try URLConf([.include("bench/", router)]), settings: settings)
}
