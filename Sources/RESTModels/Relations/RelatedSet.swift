/// The rows on the other side of a many-to-many or a reverse foreign key (Django's related
/// manager), as a model property: `notLoaded` when the row is decoded (`init(row:)` sets it),
/// filled by `prefetchRelated`.
///
///     var labels: RelatedSet<Label>           // not a column: issue_labels holds the pairs
///
///     let issues = try Issue.objects(on: connection).prefetchRelated("labels").all()
///     let names = issues[0].labels.all?.map(\.name)    // no query
///
/// Reading, filtering or changing the rows in the database goes through `related(_:on:)`.
public struct RelatedSet<Target: Model>: NonColumnValue {
    /// The prefetched rows; nil when they have not been read.
    public let all: [Target]?

    public init(_ rows: [Target]) { all = rows }
    private init() { all = nil }

    public static var notLoaded: RelatedSet { RelatedSet() }
    public var isLoaded: Bool { all != nil }
}

/// The row on the other side of a one-to-one, seen from the model the key points at (Django's
/// reverse one-to-one accessor): `notLoaded` when decoded, filled by `selectRelated` or
/// `prefetchRelated` with the row or `nil` when there is none.
public struct RelatedObject<Target: Model>: NonColumnValue {
    /// nil: not read; `.some(nil)`: read, and there is no such row.
    public let loaded: Target??

    public init(_ instance: Target?) { loaded = .some(instance) }
    private init() { loaded = nil }

    public static var notLoaded: RelatedObject { RelatedObject() }
    /// The related row if it has been read and exists.
    public var instance: Target? { loaded ?? nil }
    public var isLoaded: Bool { loaded != nil }
}
