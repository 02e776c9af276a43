import Testing
@testable import RESTFramework

/// Answers with the name of whoever is authenticated.
final class WhoAmI: APIView, GetHandler, PostHandler {
    func get(_ request: Request) throws -> Response {
        Response(["user": .string(request.user.username)])
    }
    func post(_ request: Request) throws -> Response {
        // An object-level check on alice's record, as a detail view's get_object does.
        try checkObjectPermissions(request, object: 1 as Int64)
        return Response(["ok": true])
    }
}

/// Object level: only the user whose pk is the object.
struct IsSelf: Permission {
    func hasObjectPermission(_ request: Request, view: APIView, object: Any) throws -> Bool {
        (object as? Int64).map { FieldValue.int($0) == request.user.pk } ?? false
    }
}

/// A header-less authenticator (DRF's SessionAuthentication has none either).
struct Headerless: Authentication {
    func authenticate(_ request: Request) throws -> AuthenticationResult? { nil }
}

@Suite struct AuthenticationLifecycleTests {
    let token = TokenAuthentication(store: tokenStore)
    let basic = BasicAuthentication(store: userStore, hasher: testHasher)

    func serve(
        _ request: Request, authentication: [any Authentication]? = nil,
        permissions: [any Permission]
    ) -> Response {
        let view = WhoAmI()
        var settings = APISettings()
        settings.authenticationClasses = authentication ?? [token, basic]
        settings.permissionClasses = permissions
        view.settings = settings
        return view.dispatch(request)
    }

    let notProvided: JSON = ["detail": "Authentication credentials were not provided."]
    let denied: JSON = ["detail": "You do not have permission to perform this action."]

    @Test func authenticatedRequestsReachTheHandler() {
        let byToken = serve(request(authorization: "Token \(aliceToken)"), permissions: [IsAuthenticated()])
        #expect(byToken.status == 200)
        #expect(byToken.data == ["user": "alice"])
        let byBasic = serve(request(authorization: "Basic YWxpY2U6czNjcmV0"), permissions: [IsAuthenticated()])
        #expect(byBasic.data == ["user": "alice"])
    }

    @Test func authenticationRunsOnAllowAnyViews() {
        let anonymous = serve(request(), permissions: [AllowAny()])
        #expect(anonymous.status == 200 && anonymous.data == ["user": ""])
        let bad = serve(request(authorization: "Token nope"), permissions: [AllowAny()])
        #expect(bad.status == 401)
        #expect(bad.data == ["detail": "Invalid token."])
        #expect(bad.headers["WWW-Authenticate"] == "Token")
        let empty = serve(request(authorization: "Token"), permissions: [])
        #expect(empty.status == 401 && empty.data == ["detail": "Invalid token header. No credentials provided."])
    }

    @Test func every401CarriesTheFirstAuthenticatorsHeader() {
        let cases: [(Request, JSON)] = [
            (request(), notProvided),
            (request(authorization: "Bearer xyz"), notProvided),
            (request(authorization: "Token \(carolToken)"), ["detail": "User inactive or deleted."]),
            (request(authorization: "Basic YWxpY2U6d3Jvbmc="), ["detail": "Invalid username/password."]),
            (
                request(authorization: "Basic YWxpY2U6czNjcmV"),
                ["detail": "Invalid basic header. Credentials not correctly base64 encoded."]
            ),
        ]
        for (req, body) in cases {
            let response = serve(req, permissions: [IsAuthenticated()])
            #expect(response.status == 401)
            #expect(response.data == body)
            #expect(response.headers.values("WWW-Authenticate") == ["Token"])
        }
        // Basic first: its challenge instead.
        let basicFirst = serve(request(), authentication: [basic, token], permissions: [IsAuthenticated()])
        #expect(basicFirst.status == 401 && basicFirst.headers["WWW-Authenticate"] == "Basic realm=\"api\"")
    }

    @Test func without401ChallengeTheAnswerIs403() {
        let headerlessFirst = serve(request(), authentication: [Headerless(), token], permissions: [IsAuthenticated()])
        #expect(headerlessFirst.status == 403)
        #expect(headerlessFirst.data == notProvided)
        #expect(headerlessFirst.headers["WWW-Authenticate"] == nil)
        let failingBehindHeaderless = serve(
            request(authorization: "Token nope"), authentication: [Headerless(), token],
            permissions: [AllowAny()])
        #expect(failingBehindHeaderless.status == 403 && failingBehindHeaderless.data == ["detail": "Invalid token."])
        let none = serve(request(), authentication: [], permissions: [IsAuthenticated()])
        #expect(none.status == 403 && none.data == denied)
        #expect(none.headers["WWW-Authenticate"] == nil)
    }

    @Test func refusalIs401ForAnonymousAnd403ForAuthenticated() {
        let anonymous = serve(request(), permissions: [IsAdminUser()])
        #expect(anonymous.status == 401 && anonymous.data == notProvided)
        let user = serve(request(authorization: "Token \(aliceToken)"), permissions: [IsAdminUser()])
        #expect(user.status == 403 && user.data == denied)
        #expect(user.headers["WWW-Authenticate"] == nil)
        let staff = serve(
            request(authorization: "Basic " + PythonBase64.encode(Array("bob:pa:ss:word".utf8))),
            permissions: [IsAdminUser()])
        #expect(staff.status == 200 && staff.data == ["user": "bob"])
    }

    @Test func customMessagesAndCodesReachThe403Body() {
        let alicesRequest = request(authorization: "Token \(aliceToken)")
        let picky = serve(alicesRequest, permissions: [Picky()])
        #expect(picky.status == 403 && picky.data == ["detail": "Picky says no."])
        let wrapped = serve(alicesRequest, permissions: [IsAuthenticated() & IsAdminUser().withMessage("Staff only.")])
        #expect(wrapped.data == denied)  // the composition has no message of its own, as in DRF
        let outer = serve(alicesRequest, permissions: [(IsAuthenticated() & IsAdminUser()).withMessage("Staff only.")])
        #expect(outer.status == 403 && outer.data == ["detail": "Staff only."])
        // Anonymous: DRF's 401 wins over any custom message.
        let anonymous = serve(request(), permissions: [Picky()])
        #expect(anonymous.status == 401 && anonymous.data == notProvided)
    }

    @Test func objectPermissionsComposeThroughTheView() {
        let staffOrSelf: [any Permission] = [IsAuthenticated() & (IsAdminUser() | IsSelf())]
        let alice = serve(request(.post, authorization: "Token \(aliceToken)"), permissions: staffOrSelf)
        #expect(alice.status == 200)
        let frank = serve(request(.post, authorization: "Token \(frankToken)"), permissions: staffOrSelf)
        #expect(frank.status == 403 && frank.data == denied)
        let bob = serve(
            request(.post, authorization: "Basic " + PythonBase64.encode(Array("bob:pa:ss:word".utf8))),
            permissions: staffOrSelf)
        #expect(bob.status == 200)
        // Passes at request level through the right operand, which then refuses the object;
        // the left operand cannot grant the object since it refused the request. Anonymous: 401.
        let anonymous = serve(request(.post), permissions: [IsAuthenticatedOrReadOnly() | Fixed(true, false)])
        #expect(anonymous.status == 401 && anonymous.data == notProvided)
        let anonymousRead = serve(request(.get), permissions: [IsAuthenticatedOrReadOnly() | Fixed(true, false)])
        #expect(anonymousRead.status == 200)
    }
}
