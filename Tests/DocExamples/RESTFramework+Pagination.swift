// The `///` examples of Sources/RESTFramework/Pagination, compiled (DocCommentExampleTests finds them here).
import PostgreSQL
@testable import RESTFramework
@testable import RESTModels

extension DocHost {
    func serialize(_ user: User) -> JSON { ["id": .int(user.id)] }

    // Cursor, CursorPagination
    func cursors() throws {
        Cursor(offset: 0, reverse: false, position: "42").encoded      // "cD00Mg=="
        try Cursor(decoding: "cj0xJnA9NDg3", offsetCutoff: 1000)        // reverse, position "487"

        // The reference API's notes: ordering "-id", 10 per page.
        let notesPagination: PaginatorFactory = { CursorPagination(ordering: ["-id"], pageSize: 10) }
        _ = notesPagination
    }

    // LimitOffsetPagination
    func limitOffset() throws {
        let paginator = LimitOffsetPagination(defaultLimit: 10, maxLimit: 100)
        let page = try paginator.paginate(accounts, request: request, view: self)
        _ = page
    }

    // PageNumberPagination, Paginator
    func pageNumbers() {
        // The reference API's default: REST_FRAMEWORK = {PAGE_SIZE: 10, ...} with page_size up to 100.
        settings.pageSize = 10
        settings.paginationClass = { PageNumberPagination(pageSizeQueryParam: "page_size", maxPageSize: 100) }
    }

    // PaginationLink
    func links() {
        // GET /api/users.json?search=a b&page=2&format=json
        PaginationLink.url(request, setting: ["page": "3"])
        // http://host/api/users.json?format=json&page=3&search=a+b
        PaginationLink.url(request, setting: ["page": nil])      // page removed
    }

    // Paginator
    func page() throws -> Response {
        let paginator = PageNumberPagination(pageSize: 10, pageSizeQueryParam: "page_size", maxPageSize: 100)
        guard let page = try paginator.paginate(users, request: request, view: self) else {
            return Response(.array(try users.all().map(serialize)))     // pagination off
        }
        return paginator.paginatedResponse(.array(page.map(serialize)))
    }
}
