/// What the framework needs to know of a user: DRF's `request.user` duck type.
/// The application's user model conforms; `AnonymousUser` stands in when nobody authenticated.
///
///     struct AppUser: User { let id: Int64; let username: String; let isStaff: Bool; let isActive: Bool }
public protocol User: Sendable {
    /// The primary key as text (what `IsAdminOrIsSelf` style checks compare).
    var pk: String { get }
    var username: String { get }
    var isAuthenticated: Bool { get }
    var isStaff: Bool { get }
    var isActive: Bool { get }
}

extension User {
    public var isAuthenticated: Bool { true }
    public var isAnonymous: Bool { !isAuthenticated }
}

/// Django's `AnonymousUser`.
public struct AnonymousUser: User {
    public init() {}
    public var pk: String { "" }
    public var username: String { "" }
    public var isAuthenticated: Bool { false }
    public var isStaff: Bool { false }
    public var isActive: Bool { false }
}
