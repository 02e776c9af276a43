/// What the generic views, paginators and filter backends need from a queryset: compose
/// (filter, order) and execute (count, fetch a slice). The model layer's `QuerySet` conforms;
/// unit tests use an in-memory one. Composition is lazy and value-typed, as Django's querysets.
public protocol Queryable {
    associatedtype Element: FieldReadable
    func filter(_ predicate: Predicate) -> Self
    func exclude(_ predicate: Predicate) -> Self
    /// Replaces the ordering (Django's `order_by`).
    func orderBy(_ terms: [OrderTerm]) -> Self
    var ordering: [OrderTerm] { get }
    /// The number of rows (one `SELECT count(*)`).
    func count() throws -> Int
    /// A cheap estimate for large tables (planner statistics); nil when unavailable.
    func estimatedCount() throws -> Int?
    /// The rows in `offset ..< offset+limit` (all after `offset` when `limit` is nil).
    func fetch(offset: Int, limit: Int?) throws -> [Element]
    /// `count()` and `fetch(offset:limit:)` together, what a paginated list needs: a database
    /// queryset sends both statements in one round trip. The default calls the two in turn.
    func countAndFetch(offset: Int, limit: Int?) throws -> (count: Int, rows: [Element])
    /// The queryset reading these relation paths with its rows (`Serializer.relatedPaths`): a
    /// database queryset selects to-one paths by JOIN and prefetches to-many ones, ignoring
    /// names that are no relation. The default leaves the queryset as it is. `paths` is worked
    /// out only when the rows have relations to read.
    func withRelated(_ paths: @autoclosure () -> [String]) -> Self
}

extension Queryable {
    public func estimatedCount() throws -> Int? { nil }
    public func countAndFetch(offset: Int, limit: Int?) throws -> (count: Int, rows: [Element]) {
        (try count(), try fetch(offset: offset, limit: limit))
    }
    public func all() throws -> [Element] { try fetch(offset: 0, limit: nil) }
    public func withRelated(_ paths: @autoclosure () -> [String]) -> Self { self }
    public func orderBy(_ terms: String...) -> Self { orderBy(terms.map { OrderTerm($0) }) }
}

/// An object serializers and paginators can read fields from by name (a model row).
public protocol FieldReadable {
    /// The value of a field or column; nil when the object has no such field.
    func fieldValue(_ name: String) -> FieldValue?
    /// How the framework reads this type's fields in bulk; models supply theirs. Leave the
    /// default (nil): the fields are then read by name.
    static var fieldLayout: FieldLayout? { get }
    /// The object a to-one relation `name` leads to, for a dotted `source` (`"account.name"`)
    /// that `fieldValue` does not answer itself; nil when there is none (DRF's `None` on the
    /// way: the field is then missing). Models answer from their relations; the default has none.
    func relatedObject(_ name: String) -> (any FieldReadable)?
    /// The object or objects the relation `name` holds (Django's `task.project`,
    /// `task.tags.all()`), for nested and related serializer fields; nil when there is no such
    /// relation. Models read what `selectRelated`/`prefetchRelated` filled, else the rows on the
    /// context's database (Django's lazy access). Default: nil (no relations).
    func relatedInstances(_ name: String, context: SerializerContext) throws -> RelatedInstances?
}

extension FieldReadable {
    public static var fieldLayout: FieldLayout? { nil }
    public func relatedObject(_ name: String) -> (any FieldReadable)? { nil }
    public func relatedInstances(_ name: String, context: SerializerContext) throws -> RelatedInstances? { nil }
}
