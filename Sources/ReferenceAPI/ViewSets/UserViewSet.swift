import PostgreSQL
import RESTFramework
import RESTModels

/// `users`: a ModelViewSet with per-action permissions (the seed's `get_permissions`) and the
/// password actions.
///
///     GET    /api/users/                        list (paginated by id)
///     POST   /api/users/{pk}/set_password/      {"password": "..."}  → {"status":"password set"}
///     PUT    /api/users/{pk}/password/          the same, named "Change Password"
///     DELETE /api/users/{pk}/password/          delete_password → 204
///     GET    /api/users/recent_users/           by last login, most recent first
final class UserViewSet: ModelViewSet<QuerySet<User>> {
    override class var queryset: QuerySet<User>? { User.objects.orderBy("id") }
    override class var serializerClass: Serializer.Type? { UserSerializer.self }

    override class var extraActions: [ExtraAction] {
        [
            .action("set_password", detail: true, methods: [.post], schema: passwordSchema) { (view: UserViewSet, request) in
                try view.setPassword(request)
            },
            .action("unset_password", detail: true, methods: [.post, .delete], schema: statusSchema) { (view: UserViewSet, request) in
                try view.unsetPassword(request)
            },
            .action("password", detail: true, methods: [.put], name: "Change Password", schema: passwordSchema) {
                (view: UserViewSet, request) in try view.setPassword(request)
            }.mapping(.delete, "delete_password", schema: ExtendSchema(responses: [204: SchemaBody.none])) { (view: UserViewSet, request) in
                try view.deletePassword(request)
            },
            .action("recent_users", detail: false) { (view: UserViewSet, request) in
                try view.recentUsers(request)
            },
        ]
    }

    /// The OpenAPI document's words for the password actions: `{"password"}` in, `{"status"}` out.
    static let passwordSchema = ExtendSchema(request: .serializer(PasswordSerializer.self), responses: [200: .stringMembers(["status"])])
    static let statusSchema = ExtendSchema(request: SchemaBody.none, responses: [200: .stringMembers(["status"])])

    /// Reading is for any user; the password actions for staff or the user themself; the rest
    /// (create, update, destroy, OPTIONS, and methods the route does not map) for staff.
    override func getPermissions() -> [any Permission] {
        switch action {
        case .list, .retrieve, .extra("recent_users"):
            return [IsAuthenticated()]
        case .extra("set_password"), .extra("unset_password"), .extra("password"), .extra("delete_password"):
            return [IsAuthenticated(), IsAdminOrIsSelf()]
        default:
            return [IsAdminUser()]
        }
    }

    /// A user created through the API cannot log in until a password is set.
    override func performCreate(_ serializer: Serializer) throws {
        try serializer.save(["password": .string(PasswordHasher.makeUnusablePassword())])
    }

    // MARK: Extra actions

    /// `set_password` and `password`: the user (404, 403), then the body (400 with the
    /// serializer's errors), then the new hash.
    func setPassword(_ request: Request) throws -> Response {
        let user = try getObject()
        let serializer = PasswordSerializer(data: try request.data)
        guard try serializer.isValid() else { return Response(serializer.errors, status: 400) }
        let password = serializer.validatedData["password"]?.stringValue ?? ""
        try store(password: settings.passwordHasher.makePassword(password), of: user)
        return Response(["status": "password set"])
    }

    func unsetPassword(_ request: Request) throws -> Response {
        try store(password: PasswordHasher.makeUnusablePassword(), of: getObject())
        return Response(["status": "password unset"])
    }

    func deletePassword(_ request: Request) throws -> Response {
        try store(password: PasswordHasher.makeUnusablePassword(), of: getObject())
        return Response(status: 204)
    }

    /// Most recent login first, users who never logged in last, then by id.
    func recentUsers(_ request: Request) throws -> Response {
        let users = try User.objects(on: request).orderBy([OrderTerm("-last_login", nulls: .last), OrderTerm("id")])
        if let page = try paginateQueryset(users) {
            return try getPaginatedResponse(getSerializer(many: page).data)
        }
        return Response(try getSerializer(many: users.all()).data)
    }

    private func store(password: String, of user: User) throws {
        _ = try User.objects(on: request).filter(.field("id", .exact(.int(user.id)))).update(["password": .string(password)])
    }
}
