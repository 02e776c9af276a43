/// The URL conf: patterns resolved to endpoints, and reversed by name.
/// STUB: to be completed by the routing work (trie matcher, routers, reverse, route table).
public struct URLConf: Sendable {
    public init() {}

    public func resolve(_ path: String) -> URLResolution { .notFound }

    public func reverse(_ name: String, args: [String] = [], kwargs: [String: String] = [:], request: Request? = nil,
                        format: String? = nil) throws -> String {
        throw NoReverseMatch(name: name)
    }
}

/// What resolving a path gives.
public enum URLResolution: Sendable {
    case match(ViewEndpoint, kwargs: [String: String], format: String?)
    /// Django's APPEND_SLASH: the path lacks only its trailing slash (query not included).
    case redirect(to: String)
    case notFound
}

public struct NoReverseMatch: Error, Sendable, CustomStringConvertible {
    public let name: String
    public var description: String { "Reverse for '\(name)' not found." }
}
