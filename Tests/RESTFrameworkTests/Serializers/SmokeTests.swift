import Testing
@testable import RESTFramework

@Test func smoke() throws {
    let s = UserSerializer(data: ["username": "ada"], context: userContext())
    #expect(try s.isValid())
}
