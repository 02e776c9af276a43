/// Django's `ImproperlyConfigured`: a mistake in the application's code, found while the URL conf
/// is built (a router registration, a route string) or, for what only a request reveals (a cursor
/// ordering on a field the rows lack), as a logged 500. The message says the fix.
///
///     do { try router.register("things", ThingViewSet.self) }
///     catch let error as ImproperlyConfigured { print(error) }   // "`basename` argument not specified, ..."
public struct ImproperlyConfigured: Error, Sendable, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
