import PostgreSQL
import RESTFramework
import RESTModels

/// `accounts`: the accounts the requesting user is a member of (staff included: no special
/// access). Safe methods for members; changes for admin members. Registered with an explicit
/// basename, since the queryset comes from `getQueryset()`.
///
///     GET  /api/accounts/{pk}/members/       the member users, by id, paginated
///     POST /api/accounts/{pk}/add-member/    {"user": 7, "is_admin": true} → 201 (new) or 200 (updated)
final class AccountViewSet: ModelViewSet<QuerySet<Account>> {
    override class var serializerClass: Serializer.Type? { AccountSerializer.self }
    override class var permissionClasses: [any Permission]? { [IsAuthenticated(), IsAccountAdminOrReadOnly()] }

    override class var extraActions: [ExtraAction] {
        [
            .action("members", detail: true, schema: ExtendSchema(responses: [200: .paginatedList(UserSerializer.self)])) {
                (view: AccountViewSet, request) in try view.members(request)
            },
            .action(
                "add_member", detail: true, methods: [.post], urlPath: "add-member", urlName: "add-member",
                schema: ExtendSchema(
                    request: .serializer(AddMemberSerializer.self),
                    responses: [200: .stringMembers(["status"]), 201: .stringMembers(["status"])])
            ) {
                (view: AccountViewSet, request) in try view.addMember(request)
            },
        ]
    }

    override func getQueryset() throws -> QuerySet<Account> {
        try Account.objects(on: request).filter(.inSubquery("id", Account.ids(ofMember: request.user.pk))).orderBy("id")
    }

    /// The requesting user owns the new account and becomes its admin member.
    override func performCreate(_ serializer: Serializer) throws {
        try request.database.transaction { _ in
            let account = try serializer.save(["owner_id": request.user.pk])
            _ = try AccountMember.objects(on: request).insert([
                "account_id": account.fieldValue("id") ?? .null, "user_id": request.user.pk, "is_admin": true,
            ])
        }
    }

    // MARK: Extra actions

    func members(_ request: Request) throws -> Response {
        let account = try getObject()
        let users = try User.objects(on: request).filter(.inSubquery("id", AccountMember.userIDs(of: account.id))).orderBy("id")
        let page = try paginateQueryset(users)
        let serializer = UserSerializer.many(instances: try page ?? users.all(), context: getSerializerContext())
        return page == nil ? Response(try serializer.data) : try getPaginatedResponse(serializer.data)
    }

    func addMember(_ request: Request) throws -> Response {
        let account = try getObject()
        let serializer = AddMemberSerializer(data: try request.data, context: SerializerContext(request: request))
        try serializer.isValid(raiseException: true)
        let user = serializer.validatedData["user"] ?? .null
        let isAdmin = serializer.validatedData["is_admin"] ?? false
        let created = try updateOrCreateMembership(account: account.id, user: user, isAdmin: isAdmin)
        return Response(["status": "member added"], status: created ? 201 : 200)
    }

    /// Django's `update_or_create`: true when the membership is new. A concurrent insert of the
    /// same membership makes this one an update.
    private func updateOrCreateMembership(account: Int64, user: FieldValue, isAdmin: FieldValue) throws -> Bool {
        let memberships = try AccountMember.objects(on: request)
        let existing = memberships.filter(.and([.field("account_id", .exact(.int(account))), .field("user_id", .exact(user))]))
        if try existing.update(["is_admin": isAdmin]) > 0 { return false }
        do {
            let connection = try request.database
            _ = try connection.transaction { _ in
                try memberships.insert(["account_id": .int(account), "user_id": user, "is_admin": isAdmin])
            }
            return true
        } catch let error as PostgresError where error.isUniqueViolation {
            _ = try existing.update(["is_admin": isAdmin])
            return false
        }
    }
}
