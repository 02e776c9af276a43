/// An error of another layer that knows how the API answers it. `defaultExceptionHandler`
/// consults it after `APIException`, so a library's errors get their status without an
/// exception handler being installed: the model layer's database errors conform (a lost
/// connection or a statement timeout is a 503 `DatabaseUnavailable`).
///
///     extension PostgresError: APIExceptionConvertible {
///         public var apiException: (any APIException)? {
///             DatabaseErrorMapping.isUnavailable(self) ? DatabaseUnavailable(cause: self) : nil
///         }
///     }
public protocol APIExceptionConvertible: Error {
    /// The exception to answer with; nil leaves the error unhandled (a logged 500).
    var apiException: (any APIException)? { get }
}
