// The README tutorial's application, compiled: every ```swift block of the tutorial is copied
// verbatim from this folder, and TutorialTests/MarkdownSnippetTests checks that they still match.
import RESTFramework
import RESTModels

struct Todo: Model {
    var id: Int64
    var title: String
    var done: Bool
    var created: DateTime

    static let tableName = "todos"
    static let fields = Fields(
        Todo.init, Field("id", \.id), Field("title", \.title, .maxLength(200)), Field("done", \.done, .hasDefault),
        Field("created", \.created, .hasDefault, .editable(false)))
}

final class TodoSerializer: ModelSerializer<Todo> {
    override class var modelFields: ModelFieldSelection? { ["url", "id", "title", "done", "created"] }
}

final class TodoViewSet: ModelViewSet<QuerySet<Todo>> {
    override class var queryset: QuerySet<Todo>? { Todo.objects.orderBy("id") }
    override class var serializerClass: Serializer.Type? { TodoSerializer.self }
    override class var extraActions: [ExtraAction] {[
        .action("complete", detail: true, methods: [.post]) { (view: TodoViewSet, request) in
            try view.complete(request)
        },
    ]}

    /// `POST /api/todos/{pk}/complete/`: marks the todo done and answers it.
    func complete(_ request: Request) throws -> Response {
        let todo = try getObject()
        let updated = try Todo.objects(on: request).update(todo, with: ["done": true])
        return Response(try getSerializer(updated).data)
    }
}

func makeApplication() throws -> Application {
    var router = DefaultRouter()
    try router.register("todos", TodoViewSet.self)

    var settings = APISettings()
    settings.pageSize = 20
    settings.paginationClass = { PageNumberPagination() }

    return Application(urls: try URLConf([.include("api/", router)]), settings: settings)
}
