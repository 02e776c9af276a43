/// What a queryset reads besides its rows: `selectRelated` paths (JOINed into the same
/// statement) and `prefetchRelated` names (one more statement each, for the whole page).
struct RelatedLoading: Sendable {
    var selectRelated: [String] = []
    var prefetchRelated: [String] = []

    static let none = RelatedLoading()
    var isEmpty: Bool { selectRelated.isEmpty && prefetchRelated.isEmpty }

    /// How `ModelQueryState` holds a non-empty one: a single pointer to copy.
    final class Box: Sendable {
        let loading: RelatedLoading
        init(_ loading: RelatedLoading) { self.loading = loading }
    }
}
