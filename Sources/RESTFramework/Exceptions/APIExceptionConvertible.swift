/// An error of another layer that knows how the API answers it. `defaultExceptionHandler`
/// consults it after `APIException`, so a library's errors get their status without an
/// exception handler being installed: the model layer's database errors conform (a lost
/// connection or a statement timeout is a 503 `DatabaseUnavailable`, see `PostgresError`'s
/// conformance in RESTModels). An error of your own:
///
///     struct QuotaExceeded: Error, APIExceptionConvertible {
///         var apiException: (any APIException)? { PermissionDenied("Your storage quota is used up.") }
///     }
public protocol APIExceptionConvertible: Error {
    /// The exception to answer with; nil leaves the error unhandled (a logged 500).
    var apiException: (any APIException)? { get }
}
