import Foundation
import RESTFramework
import TestSupport
import Testing

@testable import ReferenceAPI

/// The reference API's OpenAPI document: a golden kept in `Tests/Golden/reference-api.openapi.json`
/// (a change to the document is a reviewed diff of that file), the `schema` command and
/// `GET /api/schema/` giving its bytes, `openapi-spec-validator` accepting it, and schemathesis
/// finding no 5xx and no answer the document does not describe.
///
/// After a deliberate change, regenerate the golden with
///
///     swift build && .build/debug/api-server schema > Tests/Golden/reference-api.openapi.json
///
/// and review the diff.
struct SchemaTests {
    static var goldenPath: String { NginxProcess.projectRoot + "/Tests/Golden/reference-api.openapi.json" }

    static func document() throws -> [UInt8] {
        let application = try ReferenceAPI.application(configuration: .init(passwordIterations: 3))
        return SchemaGenerator.render(ReferenceAPI.schemaGenerator.document(for: application))
    }

    @Test func theDocumentIsTheGolden() throws {
        let golden = try Data(contentsOf: URL(fileURLWithPath: Self.goldenPath))
        let generated = try Self.document()
        #expect(
            [UInt8](golden) == generated,
            "the reference API's OpenAPI document changed: regenerate Tests/Golden/reference-api.openapi.json (see this file's comment) and review the diff"
        )
    }

    /// The document from the command and from the view, and the validator's verdict.
    @Test(.needsTestsRun) func theCommandAndTheViewServeTheGoldenAndItValidates() throws {
        let golden = try String(contentsOfFile: Self.goldenPath, encoding: .utf8)
        let command = try Subprocess.run(TestEnvironment.executable("api-server"), ["schema"])
        #expect(command.status == 0, "\(command.stderr)")
        #expect(command.stdout == golden)

        let stack = try APIStack(arguments: ["--workers", "2"])
        let served = try stack.send("GET", "/api/schema/")
        #expect(served.status == 200)
        #expect(served.header("Content-Type") == "application/vnd.oai.openapi+json")
        #expect(served.text == golden)
        // DRF's root does not list a view mounted with a plain path.
        #expect(!(try stack.send("GET", "/api/").text.contains("schema")))

        let tools = try SchemaTools()
        let validated = try Subprocess.run(tools.validator, [Self.goldenPath])
        #expect(validated.status == 0, "\(validated.stdout)\(validated.stderr)")
    }

    /// schemathesis against api-server behind nginx, as the staff admin of the demo data: every
    /// operation, a fixed number of examples each; no 5xx, and every status, content type,
    /// header and body as the document says.
    @Test(.needsTestsRun) func schemathesisFindsNothing() throws {
        let tools = try SchemaTools()
        let stack = try APIStack(arguments: ["--workers", "4"])
        let database = try #require(stack.database)
        // The demo users far from the small ids examples try: a DELETE of /api/users/1/ must not
        // remove the admin whose token the run uses.
        _ = try database.psql("SELECT setval('users_id_seq', 100000)")
        var environment = ProcessInfo.processInfo.environment
        environment["DATABASE_URL"] = database.url
        environment["SRF_PASSWORD_ITERATIONS"] = "10"
        let demo = try Subprocess.run(TestEnvironment.executable("api-admin"), ["demo-data"], environment: environment)
        #expect(demo.status == 0, "\(demo.stderr)")
        let token = try #require(
            demo.stdout.range(of: #"token [0-9a-f]{40}"#, options: .regularExpression).map { String(demo.stdout[$0].dropFirst(6)) })
        let origin = "http://127.0.0.1:\(stack.port)"
        // One worker: with two, hypothesis describes lambdas (`ast.parse`) on two threads at once,
        // and Debian's Python 3.11 keeps the AST constructor's recursion depth in per-interpreter
        // state, so the threads race and one fails with "AST constructor recursion depth
        // mismatch" (CPython gh-106905, fixed in later releases). CI hit it once on GET /api/accounts/.
        // A longer search by hand (not in CI): SRF_SCHEMATHESIS_SEED=3 SRF_SCHEMATHESIS_EXAMPLES=30
        // ./Tests/run --filter schemathesisFindsNothing; SRF_SCHEMATHESIS_OUTPUT=<file> keeps the
        // whole report (statuses per operation) of a run that passes too.
        let environmentNow = ProcessInfo.processInfo.environment
        let seed = environmentNow["SRF_SCHEMATHESIS_SEED"] ?? "1"
        let examples = environmentNow["SRF_SCHEMATHESIS_EXAMPLES"] ?? "8"
        // `stateful` follows the document's links from each create to the object it made; two
        // workers send requests concurrently (and may meet the AST race below).
        let phases = environmentNow["SRF_SCHEMATHESIS_PHASES"] ?? "examples,coverage,fuzzing"
        let workers = environmentNow["SRF_SCHEMATHESIS_WORKERS"] ?? "1"
        let run = try Subprocess.run(
            tools.schemathesis,
            [
                "run", origin + "/api/schema/", "--url", origin,
                "--checks",
                "not_a_server_error,status_code_conformance,content_type_conformance,response_headers_conformance,response_schema_conformance",
                "--header", "Authorization: Token \(token)",
                "--max-examples", examples, "--phases", phases, "--workers", workers,
                "--request-timeout", "20", "--seed", seed, "--no-color", "--generation-database", ":memory:",
            ],
            environment: environmentNow)
        if let path = environmentNow["SRF_SCHEMATHESIS_OUTPUT"] {
            try Data((run.stdout + run.stderr).utf8).write(to: URL(fileURLWithPath: path))
        }
        // The failures and the summary (what came before is progress).
        let section = run.stdout.range(of: "= ERRORS =") ?? run.stdout.range(of: "FAILURES")
        let failures = section.map { String(run.stdout[$0.lowerBound...]) } ?? run.stdout
        #expect(run.status == 0, "\(failures.prefix(40_000))\(run.stderr.suffix(4_000))\n\(stack.logs.suffix(4_000))")
    }
}

/// The test virtualenv's tools (`Tests/DRFReference/requirements.txt`), made first with
/// `serve.sh --install-only` as the DRF reference's tests make it.
struct SchemaTools {
    let validator: String
    let schemathesis: String

    init() throws {
        let install = try Subprocess.run(DRFReferenceServer.script, ["--install-only"])
        guard install.status == 0 else {
            throw TestSupportError("the test virtualenv could not be made (Tests/DRFReference/serve.sh --install-only): \(install.stderr)")
        }
        let bin = ProcessInfo.processInfo.environment["DRF_VENV"].map { $0 + "/bin" } ?? NginxProcess.projectRoot + "/.build-drf/venv/bin"
        validator = bin + "/openapi-spec-validator"
        schemathesis = bin + "/schemathesis"
    }
}
