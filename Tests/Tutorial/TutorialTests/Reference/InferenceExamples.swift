// docs/framework.md, "ModelSerializer inference": the examples, compiled (MarkdownSnippetTests finds them here).
import PostgreSQL
import RESTFramework
import RESTModels
import Testing

struct Board: Model {
    enum Status: String, ColumnEnum { case planned, active, done }

    var id: Int64
    var team: ForeignKey<Author>
    var name: String
    var status: Status
    var notes: String
    var created: DateTime

    static let tableName = "boards"
    static let fields = Fields(
        Board.init, Field("id", \.id), Field("team_id", \.team),
        Field("name", \.name, .maxLength(100)),                       // varchar(100)
        Field("status", \.status, .maxLength(10), .default("planned")),
        Field("notes", \.notes, .blank, .hasDefault),                 // blank=True, default=""
        Field("created", \.created, .hasDefault, .editable(false)))   // auto_now_add=True
    static let relations: [Relation<Board>] = [.foreignKey("team", \.team)]
    static let uniqueTogether = [["team", "name"]]
}

final class BoardSerializer: ModelSerializer<Board> {
    override class var modelFields: ModelFieldSelection? { ["url", "id", "team", "team_name", "name", "notes", "created"] }
    override class var extraKwargs: [String: ExtraKwargs] { ["name": ExtraKwargs(minLength: 3)] }
    override class var declaredFields: [any SerializerField] { [ReadOnlyField("team_name", source: "team.name")] }
}

final class BoardDepthSerializer: ModelSerializer<Board> {
    override class var modelFields: ModelFieldSelection? { ["id", "team", "name"] }
    override class var depth: Int { 1 }       // "team": {"id": 1, "name": "Ada"}
}

final class BoardLinkSerializer: HyperlinkedModelSerializer<Board> {
    override class var modelFields: ModelFieldSelection? { ["url", "team", "name"] }
}

@Suite struct InferenceExampleTests {
    /// `depth` nests the team (an `Author`: id and name); the hyperlinked one links to it.
    @Test func depthAndHyperlinkedSerializersAreAsDescribed() throws {
        #expect(BoardDepthSerializer.configurationProblems == [])
        let nested = try #require(BoardDepthSerializer().fields[1] as? NestedSerializerField)
        #expect(nested.readOnly && !nested.many)
        #expect(nested.serializer.init().fields.map(\.name) == ["id", "name"])
        #expect(BoardDepthSerializer.relatedPaths == ["team"])
        #expect(BoardLinkSerializer.configurationProblems == [])
        let team = try #require(BoardLinkSerializer().fields[1] as? HyperlinkedRelatedField)
        #expect(team.viewName == "author-detail")
    }

    /// The reference's example: every field inferred, as the text describes them.
    @Test func boardSerializerIsAsDescribed() {
        #expect(BoardSerializer.configurationProblems == [])
        let fields = BoardSerializer().fields
        #expect(fields.map(\.name) == ["url", "id", "team", "team_name", "name", "notes", "created"])
        #expect(fields.map(\.required) == [false, false, true, false, true, false, false])
        #expect(fields.map(\.readOnly) == [true, true, false, true, false, false, true])
        #expect(BoardSerializer.validators.count == 1)
    }
}
