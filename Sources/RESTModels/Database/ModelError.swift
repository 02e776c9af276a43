/// Mistakes and outcomes of using querysets that are not client errors: Django's
/// `DoesNotExist` and `MultipleObjectsReturned`, a queryset run without a connection, a
/// composition SQL cannot express. Uncaught in a view, they are a 500 (as in Django); catch
/// `doesNotExist` where a missing row is expected.
///
///     do { let user = try User.objects(on: request).filter(.field("username", .exact("ada"))).get() }
///     catch ModelError.doesNotExist { throw NotFound() }
public enum ModelError: Error, Sendable, Equatable, CustomStringConvertible {
    /// `get()` found no row.
    case doesNotExist(model: String)
    /// `get()` found more than one row.
    case multipleObjectsReturned(model: String)
    /// The queryset was executed without `using(_:)` / `objects(on:)`.
    case notBound(model: String)
    /// A write named a column that cannot be written (an annotation).
    case readOnlyColumn(model: String, column: String)
    /// Composition or use that SQL cannot express.
    case unsupported(String)

    public var description: String {
        switch self {
        case .doesNotExist(let model):
            return "\(model) matching query does not exist."
        case .multipleObjectsReturned(let model):
            return "get() returned more than one \(model)."
        case .notBound(let model):
            return "This QuerySet<\(model)> has no database connection: build it with `\(model).objects(on: request)` "
                + "or call `.using(connection)` before running it."
        case .readOnlyColumn(let model, let column):
            return "\(model).\(column) is an annotation (read-only) and cannot be written."
        case .unsupported(let what):
            return what
        }
    }
}
