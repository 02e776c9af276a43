import RESTFramework

/// What a queryset selects, as data: filters, ordering, slice. `Sendable` and free of any
/// connection, so validators and subqueries can hold it; `QuerySet` pairs it with a connection.
///
///     let query = User.objects.filter(.field("is_staff", .exact(true))).query
///
/// The state lives in one immutable box, so the struct is a single reference whatever `M` is:
/// unspecialized generic code (the views reach querysets through `Queryable`) copies it with one
/// retain. Held inline it was just over the size copied field by field without metadata, so each
/// copy (many per retrieve) asked the runtime for `ModelQuery<M>`'s metadata. A change makes a
/// new box (composing copies the predicates either way); immutable,
/// its fields are read without the exclusivity checks a class's `var`s cost.
public struct ModelQuery<M: Model>: Sendable {
    var state: ModelQueryState

    init(state: ModelQueryState) { self.state = state }

    public init() { state = .empty }

    /// ANDed together (Django chains `filter()` calls the same way).
    public internal(set) var predicates: [Predicate] {
        get { state.predicates }
        set { state = state.with(predicates: newValue) }
    }
    /// nil: the model's default `ordering`; empty: unordered (Django's `order_by()`).
    public internal(set) var explicitOrdering: [OrderTerm]? {
        get { state.explicitOrdering }
        set { state = state.with(explicitOrdering: .some(newValue)) }
    }
    public internal(set) var offset: Int {
        get { state.offset }
        set { state = state.with(offset: newValue) }
    }
    public internal(set) var limit: Int? {
        get { state.limit }
        set { state = state.with(limit: .some(newValue)) }
    }
    /// Set when the query was composed in a way SQL cannot express; thrown on execution, as
    /// Django raises "Cannot filter a query once a slice has been taken.".
    var compositionError: ModelError? {
        get { state.compositionError }
        set { state = state.with(compositionError: .some(newValue)) }
    }

    /// Per-query annotations (`QuerySet.annotate`), in the order given.
    var annotations: [QueryAnnotation] { state.annotations }

    public var ordering: [OrderTerm] { state.explicitOrdering ?? M.ordering }
    public var isSliced: Bool { state.isSliced }

    /// This query with `predicate` ANDed on.
    func filtered(_ predicate: Predicate) -> ModelQuery { ModelQuery(state: state.filtered(predicate)) }

    /// This query with its ordering replaced.
    func ordered(_ terms: [OrderTerm]) -> ModelQuery { ModelQuery(state: state.ordered(terms)) }

    /// This query with `annotations` added (`QuerySet.annotate`).
    func annotated(_ annotations: [QueryAnnotation]) -> ModelQuery { ModelQuery(state: state.annotated(annotations)) }

    /// The slice `[offset ..< offset+limit]` of this query's rows (slicing a slice narrows it).
    func sliced(offset extra: Int, limit newLimit: Int?) -> ModelQuery {
        ModelQuery(state: state.sliced(offset: extra, limit: newLimit))
    }
}

/// `ModelQuery`'s state. Not nested in the generic struct (a nested class would be generic too,
/// its metadata looked up at run time again), and its changes are non-generic functions here
/// for the same reason.
final class ModelQueryState: Sendable {
    let predicates: [Predicate]
    let explicitOrdering: [OrderTerm]?
    let offset: Int
    let limit: Int?
    let compositionError: ModelError?
    let annotations: [QueryAnnotation]
    /// `selectRelated` and `prefetchRelated` paths, boxed and nil when there are none (most
    /// querysets): every `with` copies the state's fields, and one nil pointer costs nothing to
    /// copy and release where two arrays took a retain and a release each (~500 instructions on
    /// a retrieve, docs/profile.md).
    private let relatedBox: RelatedLoading.Box?

    /// Every unfiltered query shares it.
    static let empty = ModelQueryState(
        predicates: [], explicitOrdering: nil, offset: 0, limit: nil,
        compositionError: nil, annotations: [])

    convenience init(
        predicates: [Predicate], explicitOrdering: [OrderTerm]?, offset: Int, limit: Int?,
        compositionError: ModelError?, annotations: [QueryAnnotation], related: RelatedLoading = .none
    ) {
        self.init(
            predicates: predicates, explicitOrdering: explicitOrdering, offset: offset, limit: limit,
            compositionError: compositionError, annotations: annotations,
            relatedBox: related.isEmpty ? nil : RelatedLoading.Box(related))
    }

    private init(
        predicates: [Predicate], explicitOrdering: [OrderTerm]?, offset: Int, limit: Int?,
        compositionError: ModelError?, annotations: [QueryAnnotation], relatedBox: RelatedLoading.Box?
    ) {
        self.predicates = predicates
        self.explicitOrdering = explicitOrdering
        self.offset = offset
        self.limit = limit
        self.compositionError = compositionError
        self.annotations = annotations
        self.relatedBox = relatedBox
    }

    /// `selectRelated` and `prefetchRelated` paths.
    var related: RelatedLoading { relatedBox?.loading ?? RelatedLoading() }
    /// Whether the queryset reads related rows: a nil test, for the paths every query takes.
    var loadsRelated: Bool { relatedBox != nil }

    var isSliced: Bool { offset > 0 || limit != nil }

    /// A copy with the given fields replaced (`.some(nil)` sets an optional field to nil).
    func with(
        predicates: [Predicate]? = nil, explicitOrdering: [OrderTerm]?? = nil, offset: Int? = nil,
        limit: Int?? = nil, compositionError: ModelError?? = nil, annotations: [QueryAnnotation]? = nil,
        related: RelatedLoading? = nil
    ) -> ModelQueryState {
        ModelQueryState(
            predicates: predicates ?? self.predicates,
            explicitOrdering: explicitOrdering ?? self.explicitOrdering,
            offset: offset ?? self.offset, limit: limit ?? self.limit,
            compositionError: compositionError ?? self.compositionError,
            annotations: annotations ?? self.annotations,
            relatedBox: related.map { $0.isEmpty ? nil : RelatedLoading.Box($0) } ?? relatedBox)
    }

    func filtered(_ predicate: Predicate) -> ModelQueryState {
        var predicates = predicates
        predicates.append(predicate)
        return with(
            predicates: predicates,
            compositionError: isSliced
                ? .some(.unsupported("Cannot filter a query once a slice has been taken.")) : nil)
    }

    func annotated(_ added: [QueryAnnotation]) -> ModelQueryState {
        with(
            compositionError: isSliced
                ? .some(.unsupported("Cannot annotate a query once a slice has been taken.")) : nil,
            annotations: annotations + added)
    }

    func ordered(_ terms: [OrderTerm]) -> ModelQueryState {
        with(
            explicitOrdering: .some(terms),
            compositionError: isSliced
                ? .some(.unsupported("Cannot reorder a query once a slice has been taken.")) : nil)
    }

    func sliced(offset extra: Int, limit newLimit: Int?) -> ModelQueryState {
        let extra = max(extra, 0)
        let remaining = limit.map { max($0 - extra, 0) }
        let limit: Int?
        switch (remaining, newLimit) {
        case (nil, let wanted): limit = wanted.map { max($0, 0) }
        case (let left?, nil): limit = left
        case (let left?, let wanted?): limit = min(left, max(wanted, 0))
        }
        // Slicing a slice adds the offsets; both come from requests when a paginator slices a
        // sliced queryset. Past `Int.max` there are no rows: OFFSET `Int.max` (a bigint) says so.
        let (total, overflow) = offset.addingReportingOverflow(extra)
        return with(offset: overflow ? Int.max : total, limit: .some(limit))
    }
}
