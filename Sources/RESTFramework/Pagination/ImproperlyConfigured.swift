/// Django's `ImproperlyConfigured`: a mistake in the application's code (a cursor ordering on a
/// field the rows lack, a search field prefix this framework does not support). Not an
/// `APIException`, so a request that hits it is a logged 500: the message says the fix.
///
///     throw ImproperlyConfigured("CursorPagination orders by 'created', which the rows do not have.")
public struct ImproperlyConfigured: Error, Sendable, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
