import PostgreSQL
import RESTFramework

/// A relation without its model types: what the query compiler, `ModelLayout` and the field
/// readers work with. Made once per model (held by its `ModelLayout` for the process).
@usableFromInline
final class RelationInfo: Sendable {
    @usableFromInline
    enum Kind: Sendable { case foreignKey, oneToOne, reverseOneToOne, reverse, manyToMany }

    /// A many-to-many's join table: `"task_tags"`, `"task_id"`, `"tag_id"` (quoted).
    struct Through: Sendable {
        let table: String
        let source: String
        let target: String
        /// The names as declared, unquoted (`task_tags`, `task_id`, `tag_id`), for `ModelCheck`.
        let names: (table: String, source: String, target: String)
        init(table: String, source: String, target: String) {
            self.table = SQL.identifier(table)
            self.source = SQL.identifier(source)
            self.target = SQL.identifier(target)
            names = (table, source, target)
        }
    }

    let name: String
    let kind: Kind
    /// `"Task"`, for messages.
    let modelName: String
    /// Whether there may be no related row (a nullable key, any reverse relation).
    let isNullable: Bool
    /// The owner's column the relation starts from: the key column of a forward relation, the
    /// owner's primary key otherwise.
    let localColumn: String
    /// The target's column it ends at: the target's primary key for a forward relation or a
    /// many-to-many, the target's key column for a reverse one.
    let remoteColumn: String
    let through: Through?
    /// The target's layout (looked up when used: two models may point at each other).
    let target: @Sendable () -> ModelLayout
    /// Decodes the target from its columns in a row.
    let decodeTarget: @Sendable (ModelRow) throws -> any Model
    /// Stores a to-one's related instance (nil: none) in the owner.
    let attach: (@Sendable (inout any Model, (any Model)?) -> Void)?
    /// A to-one's related instance in the owner at the pointer, when it has been read.
    let instance: (@Sendable (UnsafeRawPointer) -> (any Model)?)?
    /// A to-one's per-row paths, compiled for the model's types (nil for the others).
    let access: RelatedAccess?
    /// Compiles a predicate over the target's rows under an alias (an aggregate's `filter`
    /// across the relation, `AggregatePath`).
    let compileOnTarget: @Sendable (Predicate, QueryScope, inout SQLBuilder) throws -> Void
    /// Whether a target row has a primary key: what a `ModelSerializer`'s inferred
    /// `PrimaryKeyRelatedField` for the relation asks.
    let relatedLookup: any RelatedLookup
    /// A to-many's rows in the owner at the pointer, when they have been read (`RelatedSet.all`).
    let instances: (@Sendable (UnsafeRawPointer) -> [any Model]?)?
    /// Whether a reverse one-to-one has been read (its `instance` is nil both unread and empty).
    let isLoaded: (@Sendable (UnsafeRawPointer) -> Bool)?
    /// The targets related to one owner's key, read now (Django's lazy access, for serializers
    /// rendering a row whose relation was not selected or prefetched).
    let load: @Sendable (RelationInfo, FieldValue, ColumnType, Connection) throws -> [any Model]
    /// Makes a to-many's rows for one owner exactly these keys (`RelatedManager.set`).
    let setKeys: @Sendable (RelationInfo, FieldValue, ColumnType, [FieldValue], Connection) throws -> Void
    /// Every row of the target, as a related field's candidates (DRF's `queryset=Target.objects.all()`).
    let targetQueryset: @Sendable () -> any RelatedQueryset
    /// The target's `modelName` (`Task`), for DRF's default view names (`task-detail`).
    let targetModelName: @Sendable () -> String
    /// DRF's `build_nested_field`: a `ModelSerializer` of the target with all its fields and
    /// this depth (`HyperlinkedModelSerializer` when hyperlinked), for a serializer's `depth`.
    let nestedSerializer: @Sendable (_ depth: Int, _ hyperlinked: Bool) -> Serializer.Type

    init<M: Model, T: Model>(
        name: String, kind: Kind, model: M.Type, target: T.Type, isNullable: Bool,
        localColumn: String, remoteColumn: String, through: Through?,
        attach: (@Sendable (inout any Model, (any Model)?) -> Void)? = nil,
        instance: (@Sendable (UnsafeRawPointer) -> (any Model)?)? = nil,
        access: RelatedAccess? = nil,
        instances: (@Sendable (UnsafeRawPointer) -> [any Model]?)? = nil,
        isLoaded: (@Sendable (UnsafeRawPointer) -> Bool)? = nil
    ) {
        self.name = name
        self.kind = kind
        modelName = String(describing: M.self)
        self.isNullable = isNullable
        self.localColumn = localColumn
        self.remoteColumn = remoteColumn
        self.through = through
        self.target = { ModelLayout.of(T.self) }
        decodeTarget = { try T(row: $0) }
        self.attach = attach
        self.instance = instance
        self.access = access
        compileOnTarget = { predicate, scope, sql in try QueryCompiler<T>.compile(predicate, negated: false, in: scope, into: &sql) }
        relatedLookup = ModelRelatedLookup(T.self)
        self.instances = instances
        self.isLoaded = isLoaded
        load = { relation, key, keyType, connection in
            try RelationPrefetch.rows(relation, T.self, for: [key], keyType: keyType, on: connection)[key] ?? []
        }
        targetQueryset = { ModelRelatedQueryset(T.self) }
        targetModelName = { T.modelName }
        nestedSerializer = { depth, hyperlinked in NestedModelSerializers.type(of: T.self, depth: depth, hyperlinked: hyperlinked) }
        setKeys = { relation, owner, keyType, keys, connection in
            try RelatedManager<T>(relation: relation, ownerKey: owner, keyType: keyType, connection: connection).set(keys: keys)
        }
    }

    /// Whether following it can give several rows (a lookup across it is an EXISTS).
    var isToMany: Bool { kind == .reverse || kind == .manyToMany }
    /// Whether the owner holds the key (the relation's name alone means that column).
    var isForward: Bool { kind == .foreignKey || kind == .oneToOne }

    /// The position of `column` in `layout`, or an error saying the declaration is wrong.
    func index(of column: String, in layout: ModelLayout) throws -> Int {
        guard let index = layout.index(of: column) else {
            throw ModelError.unsupported(
                "the relation '\(name)' of \(modelName) names the column '\(column)', which \(layout.typeName) does not declare")
        }
        return index
    }
}
