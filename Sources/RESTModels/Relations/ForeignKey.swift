import PostgreSQL
import RESTFramework

/// Django's `ForeignKey` as a model property: the related row's key, and the related instance
/// once `selectRelated`/`prefetchRelated` (or `fetch`) has read it.
///
///     var project: ForeignKey<Project>        // project_id bigint NOT NULL
///     var assignee: ForeignKey<User>?         // assignee_id bigint NULL: nil when NULL
///
/// It is declared as a column (`Column("project_id", \.project)`) and as a relation
/// (`.foreignKey("project", \.project)`, see `Relation`). Reading the related row:
///
///     let project = try issue.project.fetch(on: connection)   // no query after selectRelated("project")
///     let name = issue.project.instance?.name                   // nil unless selected or prefetched
///
/// The column's type is the target's `id` type (`Identifiable.ID`: `Int64`, a UUID...), so it
/// follows the target's primary key without reading the target's columns (which a model
/// pointing at itself could not do while its own columns are being made).
public struct ForeignKey<Target: Model & Identifiable>: ColumnValue where Target.ID: ColumnValue {
    /// The related row's primary key (Django's `task.project_id`).
    public let id: Target.ID
    /// Boxed: a model may point at its own type, and a struct cannot contain itself.
    @usableFromInline
    let loaded: Loaded?

    @usableFromInline
    final class Loaded: Sendable {
        @usableFromInline
        let instance: Target
        @inlinable
        init(_ instance: Target) { self.instance = instance }
    }

    public init(_ id: Target.ID) {
        self.id = id
        loaded = nil
    }

    /// A key holding its instance already (what `selectRelated` makes).
    @inlinable
    public init(_ instance: Target) {
        id = instance.id
        loaded = Loaded(instance)
    }

    /// The related instance if it has been read (`selectRelated`, `prefetchRelated`); nil otherwise.
    public var instance: Target? { loaded?.instance }

    /// The related instance: the one already read, else `SELECT ... WHERE pk = id` on `connection`.
    public func fetch(on connection: Connection) throws -> Target {
        if let instance { return instance }
        return try Target.objects(on: connection).get(pk: id.fieldValue)
    }

    public static var columnType: ColumnType { Target.ID.columnType }
    public var fieldValue: FieldValue { id.fieldValue }
    public static func decode(_ row: Row, column: Int) throws -> ForeignKey {
        ForeignKey(try Target.ID.decode(row, column: column))
    }
}
