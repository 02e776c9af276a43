import ReferenceAPI
import RESTFramework
import RESTModels
import Testing
import TestSupport

/// `accounts`: scoped to memberships, admin members change them, `members` and `add-member`.
@Suite(.needsTestsRun) struct AccountTests {
    static let fields =
        #"{"url":{"type":"field","required":false,"read_only":true,"label":"Url"},"id":{"type":"integer","required":false,"read_only":true,"label":"ID"},"name":{"type":"string","required":true,"read_only":false,"label":"Name","max_length":100},"description":{"type":"string","required":false,"read_only":false,"label":"Description"},"owner":{"type":"field","required":false,"read_only":true,"label":"Owner"},"created":{"type":"datetime","required":false,"read_only":true,"label":"Created"}}"#

    /// Ada's account 1, with alan as a plain member.
    func withAccount() throws -> ReferenceClient {
        let client = try ReferenceClient()
        let created = client.send(.post, "/api/accounts/", token: Seed.adaToken, json: #"{"name":"Analytical Engine"}"#)
        #expect(created.status == 201)
        #expect(client.send(.post, "/api/accounts/1/add-member/", token: Seed.adaToken, json: #"{"user":3}"#).status == 201)
        return client
    }

    @Test func aCreateMakesTheUserOwnerAndAdminMember() throws {
        let client = try ReferenceClient()
        let reply = client.send(.post, "/api/accounts/", token: Seed.adaToken, json: #"{"name":"Ada’s «Engine» ✓","owner":3,"id":9}"#)
        #expect(reply.status == 201)
        #expect(
            reply.text.maskingDatetimes
                == #"{"url":"http://testserver/api/accounts/1/","id":1,"name":"Ada’s «Engine» ✓","description":"","owner":2,"created":"<dt>"}"#
        )
        #expect(reply.header("Location") == "http://testserver/api/accounts/1/")
        let membership = try AccountMember.objects(on: client.connection).get()
        #expect(membership.userID == 2 && membership.isAdmin)
        #expect(client.send(.post, "/api/accounts/", json: "{}").status == 401)
    }

    @Test(arguments: [
        ("{}", #"{"name":["This field is required."]}"#),
        ("{\"name\":\"\(String(repeating: "n", count: 101))\"}", #"{"name":["Ensure this field has no more than 100 characters."]}"#),
        (#"{"name":"","description":null}"#, #"{"name":["This field may not be blank."],"description":["This field may not be null."]}"#),
    ])
    func invalidAccounts(_ body: String, _ expected: String) throws {
        let client = try ReferenceClient()
        let reply = client.send(.post, "/api/accounts/", token: Seed.adaToken, json: body)
        #expect(reply.status == 400 && reply.text == expected)
    }

    @Test func everyoneSeesOnlyTheirAccountsStaffIncluded() throws {
        let client = try withAccount()
        #expect(
            client.send(.get, "/api/accounts/", token: Seed.alanToken).text.maskingDatetimes
                == #"{"count":1,"next":null,"previous":null,"results":[{"url":"http://testserver/api/accounts/1/","id":1,"name":"Analytical Engine","description":"","owner":2,"created":"<dt>"}]}"#
        )
        #expect(
            client.send(.get, "/api/accounts/", token: Seed.adminToken).text == #"{"count":0,"next":null,"previous":null,"results":[]}"#)
        for token in [Seed.adminToken, Seed.alanToken] {
            let missing = client.send(.get, token == Seed.adminToken ? "/api/accounts/1/" : "/api/accounts/2/", token: token)
            #expect(missing.status == 404 && missing.text == #"{"detail":"No Account matches the given query."}"#)
        }
        #expect(client.send(.get, "/api/accounts/abc/", token: Seed.adaToken).text == #"{"detail":"Not found."}"#)
        #expect(client.send(.delete, "/api/accounts/1/", token: Seed.adminToken).status == 404)
        #expect(client.send(.get, "/api/accounts/").status == 401)
    }

    @Test func adminMembersChangeAccountsPlainMembersOnlyRead() throws {
        let client = try withAccount()
        #expect(client.send(.get, "/api/accounts/1/", token: Seed.alanToken).status == 200)
        let forbidden = #"{"detail":"You do not have permission to perform this action."}"#
        for (method, body) in [(HTTPMethod.put, #"{"name":"x"}"#), (.patch, "{}"), (.delete, nil)] as [(HTTPMethod, String?)] {
            let reply = client.send(method, "/api/accounts/1/", token: Seed.alanToken, json: body)
            #expect(reply.status == 403 && reply.text == forbidden)
        }
        let put = client.send(.put, "/api/accounts/1/", token: Seed.adaToken, json: #"{"name":"Difference Engine"}"#)
        #expect(put.status == 200)
        #expect(
            put.text.maskingDatetimes
                == #"{"url":"http://testserver/api/accounts/1/","id":1,"name":"Difference Engine","description":"","owner":2,"created":"<dt>"}"#
        )
        let patch = client.send(.patch, "/api/accounts/1/", token: Seed.adaToken, form: "description=Babbage%27s")
        #expect(patch.text.contains(#""name":"Difference Engine","description":"Babbage's""#))
        let delete = client.send(.delete, "/api/accounts/1/", token: Seed.adaToken)
        #expect(delete.status == 204 && delete.body.isEmpty && delete.header("Content-Type") == nil)
        #expect(try client.count("account_members") == 0)
        let unmapped = client.send(.patch, "/api/accounts/", token: Seed.adaToken, json: "{}")
        #expect(unmapped.status == 405 && unmapped.text == #"{"detail":"Method \"PATCH\" not allowed."}"#)
    }

    @Test func membersArePagedUsers() throws {
        let client = try withAccount()
        let reply = client.send(.get, "/api/accounts/1/members/", token: Seed.alanToken)
        #expect(reply.text == #"{"count":2,"next":null,"previous":null,"results":["# + Seed.ada + "," + Seed.alan + "]}")
        let suffixed = client.send(.get, "/api/accounts/1/members.json?page_size=1", token: Seed.alanToken)
        #expect(
            suffixed.text.hasPrefix(
                #"{"count":2,"next":"http://testserver/api/accounts/1/members.json?page=2&page_size=1","previous":null,"results":[{"url":"http://testserver/api/users/2.json","#
            ))
        #expect(client.send(.get, "/api/accounts/1/members/?page=3", token: Seed.alanToken).text == #"{"detail":"Invalid page."}"#)
        #expect(client.send(.get, "/api/accounts/1/members/", token: Seed.adminToken).status == 404)
    }

    @Test func addMemberCreatesThenUpdates() throws {
        let client = try withAccount()
        let added = client.send(.post, "/api/accounts/1/add-member/", token: Seed.adaToken, form: "user=1&is_admin=true")
        #expect(added.status == 201 && added.text == #"{"status":"member added"}"#)
        #expect(added.header("Location") == nil)
        let updated = client.send(.post, "/api/accounts/1/add-member/", token: Seed.adaToken, json: #"{"user":"3","is_admin":1}"#)
        #expect(updated.status == 200 && updated.text == #"{"status":"member added"}"#)
        let rows = try AccountMember.objects(on: client.connection).orderBy("user_id").all()
        #expect(rows.map(\.userID) == [1, 2, 3] && rows.allSatisfy(\.isAdmin))
        // Alan is an admin member now.
        #expect(client.send(.patch, "/api/accounts/1/", token: Seed.alanToken, json: "{}").status == 200)
    }

    @Test(arguments: [
        (#"{"user":999}"#, #"{"user":["Invalid pk \"999\" - object does not exist."]}"#),
        (#"{"user":"999"}"#, #"{"user":["Invalid pk \"999\" - object does not exist."]}"#),
        (#"{"user":99999999999999999999}"#, #"{"user":["Invalid pk \"99999999999999999999\" - object does not exist."]}"#),
        (#"{"user":"99999999999999999999"}"#, #"{"user":["Invalid pk \"99999999999999999999\" - object does not exist."]}"#),
        (#"{"user":-1}"#, #"{"user":["Invalid pk \"-1\" - object does not exist."]}"#),
        (#"{"user":"abc"}"#, #"{"user":["Incorrect type. Expected pk value, received str."]}"#),
        (#"{"user":true}"#, #"{"user":["Incorrect type. Expected pk value, received bool."]}"#),
        (#"{"user":[1]}"#, #"{"user":["Incorrect type. Expected pk value, received list."]}"#),
        (#"{"user":{}}"#, #"{"user":["Incorrect type. Expected pk value, received dict."]}"#),
        (#"{"user":null}"#, #"{"user":["This field may not be null."]}"#),
        ("{}", #"{"user":["This field is required."]}"#),
        (#"{"user":1,"is_admin":"maybe"}"#, #"{"is_admin":["Must be a valid boolean."]}"#),
        (#"{"is_admin":null}"#, #"{"user":["This field is required."],"is_admin":["This field may not be null."]}"#),
        ("[]", #"{"non_field_errors":["Invalid data. Expected a dictionary, but got list."]}"#),
    ])
    func addMemberRefusals(_ body: String, _ expected: String) throws {
        let client = try withAccount()
        let reply = client.send(.post, "/api/accounts/1/add-member/", token: Seed.adaToken, json: body)
        #expect(reply.status == 400)
        #expect(reply.text == expected)
    }

    @Test func addMemberChecksTheAccountBeforeTheBody() throws {
        let client = try withAccount()
        #expect(client.send(.post, "/api/accounts/1/add-member/", token: Seed.adminToken, json: #"{"user":"x"}"#).status == 404)
        #expect(client.send(.post, "/api/accounts/1/add-member/", token: Seed.alanToken, json: #"{"user":"x"}"#).status == 403)
        #expect(client.send(.post, "/api/accounts/1/add-member/", token: nil, json: "{}").status == 401)
    }

    @Test func optionsShowsWhatTheUserMayDo() throws {
        let client = try withAccount()
        let head =
            #"{"name":"%@","description":"","renders":["application/json","text/html"],"parses":["application/json","application/x-www-form-urlencoded","multipart/form-data"]"#
        func expected(_ name: String, _ actions: String?) -> String {
            head.replacing("%@", with: name) + (actions.map { ",\"actions\":{\($0)}" } ?? "") + "}"
        }
        #expect(client.send(.options, "/api/accounts/", token: Seed.alanToken).text == expected("Account List", "\"POST\":" + Self.fields))
        #expect(
            client.send(.options, "/api/accounts/1/", token: Seed.adaToken).text == expected("Account Instance", "\"PUT\":" + Self.fields))
        #expect(client.send(.options, "/api/accounts/1/", token: Seed.alanToken).text == expected("Account Instance", nil))
        #expect(client.send(.options, "/api/accounts/1/", token: Seed.adminToken).text == expected("Account Instance", nil))
        #expect(client.send(.options, "/api/accounts/1/members/", token: Seed.alanToken).text == expected("Members", nil))
        #expect(
            client.send(.options, "/api/accounts/1/add-member/", token: Seed.alanToken).text
                == expected("Add member", "\"POST\":" + Self.fields))
        #expect(client.send(.options, "/api/accounts/").status == 401)
    }
}
