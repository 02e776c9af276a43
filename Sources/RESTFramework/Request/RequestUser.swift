/// What the framework needs to know of `request.user`: DRF's user duck type (`pk`,
/// `is_authenticated`, `is_staff`, `is_active`). The application's user model conforms;
/// `AnonymousUser` stands in when nobody authenticated. Named apart from the model, which an
/// application calls `User` as Django does:
///
///     struct User: RequestUser {
///         let id: Int64
///         let username: String
///         let isStaff: Bool
///         let isActive: Bool
///         var pk: FieldValue { .int(id) }
///     }
///
///     let signedIn = request.user as? User                        // the application's model, or nil
///     try serializer.save(["author_id": request.user.pk])       // `.int(7)`, as the column holds it
public protocol RequestUser: Sendable {
    /// The primary key as the user's table holds it (`.int(7)`); `.null` for `AnonymousUser`, as
    /// Django's `None`. It goes into `save`, filters and comparisons with a row's values as it is.
    var pk: FieldValue { get }
    var username: String { get }
    var isAuthenticated: Bool { get }
    var isStaff: Bool { get }
    var isActive: Bool { get }
}

extension RequestUser {
    public var isAuthenticated: Bool { true }
    public var isAnonymous: Bool { !isAuthenticated }
}

/// Django's `AnonymousUser`: `pk` is `.null`, never authenticated, never staff.
public struct AnonymousUser: RequestUser {
    public init() {}
    public var pk: FieldValue { .null }
    public var username: String { "" }
    public var isAuthenticated: Bool { false }
    public var isStaff: Bool { false }
    public var isActive: Bool { false }
}
