import PostgreSQL
import RESTFramework
import RESTModels

/// The `tags` table (shared/spec/reference-api-2.md): a slug, unique, and a name. Tasks hold
/// them through `task_tags` (`Task.tags`); listed, and prefetched for a task, in slug order.
///
///     let urgent = try Tag.objects(on: connection).filter(.field("slug", .exact("urgent"))).get()
public struct Tag: Model, Identifiable {
    public var id: Int64
    public var slug: String
    public var name: String

    public static let tableName = "tags"
    public static let ordering = [OrderTerm("slug")]
    public static let fields = Fields(Tag.init, Field("id", \.id), Field("slug", \.slug), Field("name", \.name))
}
