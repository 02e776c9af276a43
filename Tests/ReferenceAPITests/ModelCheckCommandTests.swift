import Foundation
import ReferenceAPI
import RESTModels
import RESTTesting
import TestSupport
import Testing

/// The reference models against the migrations: in process (`assertModelsMatch`), through
/// `api-admin check` and `api-server --check`, and api-server's refusal to start on a drift.
@Suite(.needsTestsRun) struct ModelCheckCommandTests {
    @Test func theReferenceModelsMatchTheMigrations() throws {
        let client = try ReferenceClient(seed: false)
        try client.schema.assertModelsMatch(ReferenceAPI.models)
        // A drift fails it, naming the model, the property and both sides.
        try client.connection.executeScript("ALTER TABLE notes ALTER COLUMN title DROP NOT NULL")
        #expect {
            try client.schema.assertModelsMatch(ReferenceAPI.models)
        } throws: { error in
            "\(error)".contains(#"Note.title: column "title" of "notes" is character varying(200) NULL; the model reads String"#)
        }
    }

    func run(_ executable: String, _ arguments: [String], on client: ReferenceClient) throws -> Subprocess.Result {
        var environment = ProcessInfo.processInfo.environment
        environment["DATABASE_URL"] = client.schema.url
        return try Subprocess.run(TestEnvironment.executable(executable), arguments, environment: environment)
    }

    @Test func checkCommandsExitZeroWhenTheModelsMatchAndOneNamingEachDifference() throws {
        let client = try ReferenceClient(seed: false)
        let admin = try run("api-admin", ["check"], on: client)
        #expect(admin.status == 0 && admin.stdout == "api-admin: 8 models match the database\n", "\(admin.stderr)")
        let server = try run("api-server", ["--check"], on: client)
        #expect(server.status == 0 && server.stdout == "api-server: 8 model(s) match the database\n", "\(server.stderr)")

        try client.connection.executeScript(
            "ALTER TABLE auth_tokens DROP COLUMN created; ALTER TABLE accounts ADD COLUMN plan text NOT NULL")
        let expected = """
            the models do not match the database (2 differences):
              Token.created: column "created" of "auth_tokens" does not exist; the model reads DateTime
              Account: column "plan" of "accounts" is text NOT NULL without a default, and the model has no field for it: every INSERT would fail; declare it

            """
        let drifted = try run("api-admin", ["check"], on: client)
        #expect(drifted.status == 1 && drifted.stderr == "api-admin: " + expected)
        let serverDrifted = try run("api-server", ["--check"], on: client)
        #expect(serverDrifted.status == 1 && serverDrifted.stderr == "api-server: " + expected)
        // Started for real, it refuses before listening, in its log: one entry with the time and
        // the level, the report's lines after the first indented.
        let directory = try TestEnvironment.makeTemporaryDirectory("check")
        let refused = try run("api-server", ["--listen", "unix:" + directory + "/api.sock"], on: client)
        let logged = " critical: api-server: " + expected.dropLast().replacingOccurrences(of: "\n", with: "\n    ") + "\n"
        #expect(refused.status == 1 && refused.stderr.hasSuffix(logged), "\(refused.stderr)")
        #expect(refused.stderr.range(of: #"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z critical: "#, options: .regularExpression) != nil)
        #expect(!FileManager.default.fileExists(atPath: directory + "/api.sock"))
    }
}
