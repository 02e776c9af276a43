// The examples of docs/framework.md's "OpenAPI schema" section, compiled (MarkdownSnippetTests
// checks each ```swift block there is in this folder).
import RESTFramework

final class ArticleSerializer: Serializer {
    override class var fields: [any SerializerField] {
        [
            IntegerField("id", readOnly: true),
            CharField("title", maxLength: 200),
            ChoiceField("status", choices: ["draft", "published"], required: false),
            DateTimeField("published", readOnly: true, allowNull: true),
            CharField("editor_note", required: false, writeOnly: true),
        ]
    }
}

final class ArticleViewSet: ViewSet, ListAction, SchemaDescribedView {
    override class var extraActions: [ExtraAction] {
        [
            .action(
                "publish", detail: true, methods: [.post],
                schema: ExtendSchema(request: SchemaBody.none, responses: [200: .stringMembers(["status"])])
            ) { (view: ArticleViewSet, request) in Response(["status": "published"]) },
        ]
    }

    func list(_ request: Request) throws -> Response { Response([["id": 1, "title": "Hello", "status": "draft", "published": nil]]) }

    /// Written by hand, so the document is told what `list` answers.
    static func extendSchema(method: HTTPMethod, action: ViewSetAction?) -> ExtendSchema? {
        action == .list ? ExtendSchema(responses: [200: .list(ArticleSerializer.self)]) : nil
    }
}

func articleURLs() throws -> URLConf {
    var router = DefaultRouter()
    try router.register("articles", ArticleViewSet.self, basename: "article")
    return try URLConf([
        .include("api/", router),
        // A plain path: the router's root does not list it, as in DRF.
        .path("api/schema/", SchemaView.asView(), name: "schema"),
    ])
}
