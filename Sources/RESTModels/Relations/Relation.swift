import PostgreSQL
import RESTFramework

/// One relation of a model, declared by name in the model's `relations` (Django infers reverse
/// relations; Swift declares them on the target, so lookups and prefetches can name them).
///
///     static let relations: [Relation<Issue>] = [
///         .foreignKey("project", \.project),                 // column project_id
///         .foreignKey("assignee", \.assignee),               // ForeignKey<User>?: nullable, LEFT JOIN
///         .manyToMany("labels", \.labels, through: "issue_labels", source: "issue_id", target: "label_id"),
///     ]
///
/// and on the project, its issues (`project_id` is the issues' column holding its key):
///
///     static let relations: [Relation<Project>] = [.foreignKey("account", \.account), .reverse("issues", \.issues, column: "project_id")]
///
/// The names are what `filter`, `orderBy`, `selectRelated` and `prefetchRelated` use, with
/// Django's double underscores across relations (`project__account__name`, `labels__name`).
public struct Relation<M: Model>: Sendable {
    let info: RelationInfo
    /// Fills the relation on a page of rows with one query (`prefetchRelated`).
    let prefetch: @Sendable (inout [M], Connection) throws -> Void
    /// The property it fills, to find the relation from `related(_:on:)`'s key path.
    var keyPath: (AnyKeyPath & Sendable)? = nil

    public var name: String { info.name }

    // MARK: Forward (the key is a column of this model)

    /// Django's `ForeignKey`: `column` (default `<name>_id`) holds the target's primary key.
    @inlinable
    public static func foreignKey<T>(
        _ name: String, _ keyPath: WritableKeyPath<M, ForeignKey<T>> & Sendable, column: String? = nil
    ) -> Relation {
        forward(name, keyPath, column: column, kind: .foreignKey, nullable: false, access: .forward(keyPath))
    }

    /// A nullable foreign key (`ON DELETE SET NULL` columns, optional leads...).
    @inlinable
    public static func foreignKey<T>(
        _ name: String, _ keyPath: WritableKeyPath<M, ForeignKey<T>?> & Sendable, column: String? = nil
    ) -> Relation {
        forward(name, keyPath, column: column, kind: .foreignKey, nullable: true, access: .forward(keyPath))
    }

    /// Django's `OneToOneField`: a foreign key whose column is unique (the reverse is single).
    @inlinable
    public static func oneToOne<T>(
        _ name: String, _ keyPath: WritableKeyPath<M, ForeignKey<T>> & Sendable, column: String? = nil
    ) -> Relation {
        forward(name, keyPath, column: column, kind: .oneToOne, nullable: false, access: .forward(keyPath))
    }

    @inlinable
    public static func oneToOne<T>(
        _ name: String, _ keyPath: WritableKeyPath<M, ForeignKey<T>?> & Sendable, column: String? = nil
    ) -> Relation {
        forward(name, keyPath, column: column, kind: .oneToOne, nullable: true, access: .forward(keyPath))
    }

    // MARK: To many, and reverse

    /// Django's `ManyToManyField` through a table shaped as Django makes it: `id`, a key to this
    /// model (`source`), a key to the target (`target`), unique together.
    @inlinable
    public static func manyToMany<T>(
        _ name: String, _ keyPath: WritableKeyPath<M, RelatedSet<T>> & Sendable,
        through table: String, source: String, target: String
    ) -> Relation {
        manyToMany(name, keyPath, through: (table, source, target), fill: RelatedSetFill.make(keyPath))
    }

    /// (`fill` is made where the relation is declared: see `RelatedSetFill`.)
    @usableFromInline
    static func manyToMany<T>(
        _ name: String, _ keyPath: WritableKeyPath<M, RelatedSet<T>> & Sendable,
        through: (table: String, source: String, target: String),
        fill: @escaping @Sendable (RelationInfo, inout [M], Connection) throws -> Void
    ) -> Relation {
        let info = RelationInfo(
            name: name, kind: .manyToMany, model: M.self, target: T.self, isNullable: true,
            localColumn: ownKey, remoteColumn: T.primaryKey.single ?? "id",
            through: .init(table: through.table, source: through.source, target: through.target), instances: reader(keyPath))
        return Relation(info: info, prefetch: { try fill(info, &$0, $1) }, keyPath: keyPath)
    }

    /// The reverse of a foreign key of `T` (Django's `related_name`): `column` is `T`'s column
    /// holding this model's key.
    @inlinable
    public static func reverse<T>(
        _ name: String, _ keyPath: WritableKeyPath<M, RelatedSet<T>> & Sendable, column: String
    ) -> Relation {
        reverse(name, keyPath, column: column, fill: RelatedSetFill.make(keyPath))
    }

    @usableFromInline
    static func reverse<T>(
        _ name: String, _ keyPath: WritableKeyPath<M, RelatedSet<T>> & Sendable, column: String,
        fill: @escaping @Sendable (RelationInfo, inout [M], Connection) throws -> Void
    ) -> Relation {
        let info = RelationInfo(
            name: name, kind: .reverse, model: M.self, target: T.self, isNullable: true,
            localColumn: ownKey, remoteColumn: column, through: nil, instances: reader(keyPath))
        return Relation(info: info, prefetch: { try fill(info, &$0, $1) }, keyPath: keyPath)
    }

    /// The reverse of a one-to-one of `T`: at most one row.
    public static func reverseOneToOne<T>(
        _ name: String, _ keyPath: WritableKeyPath<M, RelatedObject<T>> & Sendable, column: String
    ) -> Relation {
        let info = RelationInfo(
            name: name, kind: .reverseOneToOne, model: M.self, target: T.self, isNullable: true,
            localColumn: ownKey, remoteColumn: column, through: nil,
            attach: { owner, related in
                guard var model = owner as? M else { return }
                model[keyPath: keyPath] = RelatedObject(related as? T)
                owner = model
            },
            instance: { $0.assumingMemoryBound(to: M.self).pointee[keyPath: keyPath].instance },
            isLoaded: { $0.assumingMemoryBound(to: M.self).pointee[keyPath: keyPath].isLoaded })
        let prefetch: @Sendable (inout [M], Connection) throws -> Void = { rows, connection in
            let found = try RelationPrefetch.rows(
                info, T.self, for: rows.map { $0.fieldValue(info.localColumn) ?? .null }, keyType: try keyType(info), on: connection)
            for index in rows.indices {
                let key = rows[index].fieldValue(info.localColumn) ?? .null
                rows[index][keyPath: keyPath] = RelatedObject(found[key]?.first)
            }
        }
        return Relation(info: info, prefetch: prefetch, keyPath: keyPath)
    }

    // MARK: Making them

    private static var ownKey: String { M.primaryKey.single ?? "id" }

    /// The type of the owner's column the relation starts from (how its keys are sent).
    @usableFromInline
    static func keyType(_ info: RelationInfo) throws -> ColumnType {
        let layout = ModelLayout.of(M.self)
        return layout.columns[try info.index(of: info.localColumn, in: layout)].type
    }

    /// (`access` is made where the relation is declared: see `RelatedAccess`.)
    @usableFromInline
    static func forward<T, V: ForeignKeyValue>(
        _ name: String, _ keyPath: WritableKeyPath<M, V> & Sendable, column: String?,
        kind: RelationInfo.Kind, nullable: Bool, access: RelatedAccess
    ) -> Relation where V.Target == T {
        let info = RelationInfo(
            name: name, kind: kind, model: M.self, target: T.self, isNullable: nullable,
            localColumn: column ?? name + "_id", remoteColumn: T.primaryKey.single ?? "id", through: nil,
            attach: { owner, related in
                guard var model = owner as? M, let related = related as? T else { return }
                model[keyPath: keyPath] = V(loaded: related)
                owner = model
            },
            instance: { $0.assumingMemoryBound(to: M.self).pointee[keyPath: keyPath].loadedInstance },
            access: access)
        let prefetch: @Sendable (inout [M], Connection) throws -> Void = { rows, connection in
            let found = try RelationPrefetch.rows(
                info, T.self, for: rows.map { $0.fieldValue(info.localColumn) ?? .null }, keyType: try keyType(info), on: connection)
            for index in rows.indices {
                if let key = rows[index].fieldValue(info.localColumn), let related = found[key]?.first {
                    rows[index][keyPath: keyPath] = V(loaded: related)
                }
            }
        }
        return Relation(info: info, prefetch: prefetch, keyPath: keyPath)
    }

    /// Reads the prefetched rows of a `RelatedSet` property (nil: not read).
    private static func reader<T>(
        _ keyPath: WritableKeyPath<M, RelatedSet<T>> & Sendable
    ) -> @Sendable (UnsafeRawPointer) -> [any Model]? {
        { $0.assumingMemoryBound(to: M.self).pointee[keyPath: keyPath].all }
    }
}

/// `ForeignKey<T>` and `ForeignKey<T>?`, for the relation's code shared by both.
@usableFromInline
protocol ForeignKeyValue: SendableMetatype {
    associatedtype Target: Model
    init(loaded: Target)
    var loadedInstance: Target? { get }
    /// `body` applied to the loaded instance in place, into `value`; false when none is loaded.
    func withLoadedInstance(_ body: (UnsafeRawPointer) -> FieldValue?, into value: inout FieldValue?) -> Bool
}

extension ForeignKey: ForeignKeyValue {
    @inlinable
    init(loaded: Target) { self.init(loaded) }
    @usableFromInline
    var loadedInstance: Target? { instance }
    @inlinable
    func withLoadedInstance(_ body: (UnsafeRawPointer) -> FieldValue?, into value: inout FieldValue?) -> Bool {
        guard let loaded else { return false }
        value = withUnsafePointer(to: loaded.instance) { body(UnsafeRawPointer($0)) }
        return true
    }
}

extension Optional: ForeignKeyValue where Wrapped: ForeignKeyValue {
    @usableFromInline
    typealias Target = Wrapped.Target
    @inlinable
    init(loaded: Wrapped.Target) { self = .some(Wrapped(loaded: loaded)) }
    @usableFromInline
    var loadedInstance: Wrapped.Target? { self?.loadedInstance }
    @inlinable
    func withLoadedInstance(_ body: (UnsafeRawPointer) -> FieldValue?, into value: inout FieldValue?) -> Bool {
        self?.withLoadedInstance(body, into: &value) ?? false
    }
}
