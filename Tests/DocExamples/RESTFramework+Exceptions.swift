// The `///` examples of Sources/RESTFramework/Exceptions, Filters and Permissions, compiled
// (DocCommentExampleTests finds them here).
import PostgreSQL
@testable import RESTFramework
@testable import RESTModels

/// A viewset the router cannot name: no queryset, no basename.
final class ThingViewSet: ViewSet, ListAction {
    func list(_ request: Request) throws -> Response { Response([]) }
}

// FilterBackend
struct OwnedByUser: FilterBackend {
    func filterQueryset<Q: Queryable>(_ request: Request, _ queryset: Q, view: APIView) throws -> Q {
        queryset.filter(.field("owner_id", .exact(request.user.pk)))
    }
}

// FilteredView, OrderableView, OrderingFilter
final class AccountList: APIView, FilteredView, OrderableView {
    var filterBackends: [any FilterBackend] { [SearchFilter(), OrderingFilter()] }
    var orderingFields: [String]? { ["name", "created", "id"] }
    var ordering: [String]? { ["id"] }
}

// SearchableView, SearchFilter
final class AccountSearch: APIView, FilteredView, SearchableView {
    var filterBackends: [any FilterBackend] { [SearchFilter(), OrderingFilter()] }
    var searchFields: [String] { ["name", "description"] }
}

// Permission
struct CanPublish: Permission {
    let message: String? = "Publishing is not allowed."
    let code: String? = "cannot_publish"
}

extension DocHost {
    // APIException
    func notFound() throws {
        throw NotFound("No User matches the given query.")
        throw PermissionDenied()          // 403 "You do not have permission to perform this action."
    }

    // ValidationError
    func invalid() throws {
        throw ValidationError(["username": ["This field is required."]])
        throw ValidationError("Bad.")          // ["Bad."]
    }

    // ImproperlyConfigured
    func improperlyConfigured() {
        do { try router.register("things", ThingViewSet.self) }
        catch let error as ImproperlyConfigured { print(error) }   // "`basename` argument not specified, ..."
        catch {}
    }

    // ValidationError.nonObjectBody
    func nonObjectBody() {
        ValidationError.nonObjectBody(.array([]))   // {"non_field_errors":["Invalid data. Expected a dictionary, but got list."]}
        ValidationError.nonObjectBody(.null)        // {"non_field_errors":["No data provided"]}
        ValidationError.nonObjectBody(["a": 1])     // nil
    }

    // FilteredView.filterQueryset
    func filteredPage() throws {
        let paginator = PageNumberPagination(pageSize: 10)
        let page = try paginator.paginate(try filterQueryset(getQueryset()), request: request, view: self)
        _ = page
    }

    // SearchTerms
    func searchTerms() {
        SearchTerms.split(#"ada, "grace hopper" 'x,y'"#)    // ["ada", "grace hopper", "x,y"]
    }

    // PermissionComposition, PermissionWithMessage
    func permissions() {
        view.permissionClasses = [IsAuthenticated() & (IsAdminUser() | IsOwner())]
        view.permissionClasses = [!IsAdminUser()]          // or ~IsAdminUser()
        view.permissionClasses = [
            (IsAdminUser() | IsOwner()).withMessage("Only the owner or staff may do this.", code: "not_owner"),
        ]
    }

    func rules() {
        do {
            let rule = IsAuthenticated() & IsAdminUser()
        }
        do {
            let rule = IsAdminUser() | IsOwner()
        }
        do {
            let rule = !IsAdminUser()
        }
    }
}

// APIExceptionConvertible
struct QuotaExceeded: Error, APIExceptionConvertible {
    var apiException: (any APIException)? { PermissionDenied("Your storage quota is used up.") }
}

// Permission.message
enum PermissionMessageExample {
    struct CanPublish: Permission {
        let message = "Publishing is not allowed."      // or: let message: String? = ...
    }
}

// PermissionWithMessage: a permission type's own message and code
enum PermissionWithMessageExample {
    struct CanPublish: Permission {
        let message = "Publishing is not allowed."
        let code = "cannot_publish"
    }
}

extension DocHost {
    // FieldError
    func fieldError() throws {
        try Note.objects(on: request).filter(.field("titel", .exact("x"))).all()
        // Note has no field "titel". Valid fields: id, title, body, author_id.
    }
}
