import Testing
@testable import RESTFramework

/// OPTIONS on generic views: the serializer's fields for the POST and PUT the user may use; for
/// PUT the object lookup and object permissions too, never a 404.
@Suite struct GenericMetadataTests {
    static let fields =
        #"{"url":{"type":"field","required":false,"read_only":true,"label":"Url"},"#
        + #""id":{"type":"integer","required":false,"read_only":true,"label":"ID"},"#
        + #""name":{"type":"string","required":true,"read_only":false,"label":"Name","max_length":50},"#
        + #""owner":{"type":"integer","required":false,"read_only":true,"label":"Owner"},"#
        + #""secret":{"type":"boolean","required":false,"read_only":false,"label":"Secret"}}"#

    static func head(_ name: String) -> String {
        #"{"name":"\#(name)","description":"","renders":["application/json","text/html"],"#
            + #""parses":["application/json","application/x-www-form-urlencoded","multipart/form-data"]"#
    }

    @Test func postOnTheListRouteForUsersWhoMayCreate() throws {
        let api = try WidgetAPI()
        let response = api.send(.options, "/api/widgets/", token: "alice")
        #expect(response.status == 200)
        #expect(response.text == Self.head("Widget List") + #","actions":{"POST":"# + Self.fields + "}}")
        #expect(api.send(.options, "/api/widgets/", token: "reader").text == Self.head("Widget List") + "}")
        #expect(api.send(.options, "/api/widgets/").status == 401)
    }

    @Test func putNeedsTheObjectAndItsPermission() throws {
        let api = try WidgetAPI()
        let detail = Self.head("Widget Instance")
        #expect(api.send(.options, "/api/widgets/1/", token: "alice").text == detail + #","actions":{"PUT":"# + Self.fields + "}}")
        #expect(api.send(.options, "/api/widgets/2/", token: "alice").text == detail + "}")
        for pk in ["99", "abc"] {
            let response = api.send(.options, "/api/widgets/\(pk)/", token: "alice")
            #expect(response.status == 200)
            #expect(response.text == detail + "}")
        }
    }

    @Test func readOnlyRoutesHaveNoActions() throws {
        let api = try WidgetAPI()
        #expect(api.send(.options, "/api/public-widgets/").text == Self.head("Public Widget List") + "}")
        #expect(api.send(.options, "/api/widget-notes/1/", token: "staff").text == Self.head("Widget Note Instance") + "}")
    }

    @Test func aCompositionDescribesItsSerializerForPost() throws {
        let response = try WidgetAPI().send(.options, "/api/widget-notes/", token: "bob")
        #expect(
            response.text == Self.head("Widget Note List") + #","actions":{"POST":{"#
                + #""id":{"type":"integer","required":false,"read_only":true,"label":"ID"},"#
                + #""name":{"type":"string","required":true,"read_only":false,"label":"Name"}}}}"#)
    }
}
