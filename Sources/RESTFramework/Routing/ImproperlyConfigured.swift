/// Django's `ImproperlyConfigured`: a misconfiguration found while the URL conf is being built
/// (a router registration, a route string), never on a request. The message says the fix.
///
///     do { try router.register("things", ThingViewSet.self) }
///     catch let error as ImproperlyConfigured { print(error) }   // "`basename` argument not specified, ..."
public struct ImproperlyConfigured: Error, Sendable, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
