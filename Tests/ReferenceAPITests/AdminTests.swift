import Foundation
import ReferenceAPI
import RESTFramework
import TestSupport
import Testing

/// `api-admin` (the executable) and the `ReferenceAdmin` behind it.
@Suite(.needsTestsRun) struct AdminTests {
    func run(_ arguments: [String], on client: ReferenceClient) throws -> Subprocess.Result {
        var environment = ProcessInfo.processInfo.environment
        environment["DATABASE_URL"] = client.schema.url
        environment["SRF_PASSWORD_ITERATIONS"] = "5"
        return try Subprocess.run(TestEnvironment.executable("api-admin"), arguments, environment: environment)
    }

    func run(_ arguments: [String], on client: ReferenceClient, stdin: String) throws -> Subprocess.Result {
        var environment = ProcessInfo.processInfo.environment
        environment["DATABASE_URL"] = client.schema.url
        environment["SRF_PASSWORD_ITERATIONS"] = "5"
        return try Subprocess.run(TestEnvironment.executable("api-admin"), arguments, environment: environment, stdin: stdin)
    }

    @Test func createUserPrintsATokenThatAuthenticates() throws {
        let client = try ReferenceClient(seed: false)
        let created = try run(
            ["create-user", "boss", "--staff", "--password-stdin", "--email", "boss@example.com"], on: client,
            stdin: "s3cret pass\n")
        #expect(created.status == 0, "\(created.stderr)")
        #expect(created.stderr.isEmpty)
        let key = created.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(key.wholeMatch(of: /[0-9a-f]{40}/) != nil)
        #expect(try run(["token", "boss"], on: client).stdout == key + "\n")
        let me = client.send(.get, "/api/users/1/", token: key)
        #expect(
            me.text.maskingDatetimes
                == #"{"url":"http://testserver/api/users/1/","id":1,"username":"boss","email":"boss@example.com","first_name":"","last_name":"","is_staff":true,"last_login":null,"date_joined":"<dt>"}"#
        )
        #expect(try client.password(of: "boss").hasPrefix("pbkdf2_sha256$5$"))
        #expect(client.send(.post, "/api/auth-token/", form: "username=boss&password=s3cret+pass").text == "{\"token\":\"\(key)\"}")

        let plain = try run(["create-user", "worker", "--no-password"], on: client)
        #expect(plain.status == 0)
        #expect(try client.password(of: "worker").hasPrefix("!"))
    }

    @Test func thePasswordComesFromStandardInputNotTheCommandLine() throws {
        let client = try ReferenceClient(seed: false)
        // Piped: the whole input, one line ending dropped (CRLF too); spaces are the password's.
        for (name, input, password) in [
            ("piped", " two words \r\n", " two words "), ("bare", "no-newline", "no-newline"),
            ("lines", "first\nsecond\n", "first\nsecond"),
        ] {
            let created = try run(["create-user", name, "--password-stdin"], on: client, stdin: input)
            #expect(created.status == 0, "\(created.stderr)")
            #expect(client.send(.get, "/api/users/", basic: (name, password)).status == 200, "\(name)")
        }
        let blank = try run(["create-user", "blank", "--password-stdin"], on: client, stdin: "\n")
        #expect(blank.status == 1 && blank.stderr == "api-admin: blank passwords aren't allowed\n")
        #expect(try run(["create-user", "both", "--password-stdin", "--no-password"], on: client).status == 2)

        // --password still works for scripts, but says what it costs, and so does --help.
        let visible = try run(["create-user", "scripted", "--password", "on-the-command-line"], on: client)
        #expect(visible.status == 0)
        #expect(visible.stderr.contains("api-admin: warning: --password shows the password to other users in `ps`"))
        #expect(client.send(.get, "/api/users/", basic: ("scripted", "on-the-command-line")).status == 200)
        let help = try run(["--help"], on: client).stdout
        #expect(help.contains("--password-stdin") && help.contains("WARNING: other users see PW in `ps`"))
        #expect(try client.count("users") == 4)
    }

    @Test func atATerminalThePasswordIsAskedTwiceWithoutEcho() throws {
        let client = try ReferenceClient(seed: false)
        let terminal = try PseudoTerminal()
        let output = try TestEnvironment.makeTemporaryDirectory("admin-tty") + "/stdout"
        var environment = ProcessInfo.processInfo.environment
        environment["DATABASE_URL"] = client.schema.url
        environment["SRF_PASSWORD_ITERATIONS"] = "5"
        let pid = try Subprocess.spawn(
            TestEnvironment.executable("api-admin"), ["create-user", "typist", "--password-stdin"],
            environment: environment, stdin: .descriptor(terminal.replica),
            stdout: .file(output), stderr: .descriptor(terminal.replica))
        terminal.closeReplica()
        #expect(terminal.read(until: "Password: "))
        terminal.write("typed secret\r")
        #expect(terminal.read(until: "Password (again): "))
        terminal.write("typed secret\r")
        #expect(Subprocess.waitForExit(pid) == 0, "\(terminal.transcript)")
        terminal.drain()
        // Nothing echoed: the terminal shows the prompts only.
        #expect(!terminal.transcript.contains("typed"), "\(terminal.transcript)")
        let token = try String(contentsOfFile: output, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(token.wholeMatch(of: /[0-9a-f]{40}/) != nil)
        #expect(client.send(.get, "/api/users/", basic: ("typist", "typed secret")).status == 200)
        #expect(terminal.echoIsOn, "the terminal's settings are restored")
    }

    @Test func ctrlCAtThePromptStopsAndLeavesTheTerminalEchoing() throws {
        let client = try ReferenceClient(seed: false)
        let terminal = try PseudoTerminal()
        var environment = ProcessInfo.processInfo.environment
        environment["DATABASE_URL"] = client.schema.url
        let pid = try Subprocess.spawn(
            TestEnvironment.executable("api-admin"), ["create-user", "quitter", "--password-stdin"],
            environment: environment, stdin: .descriptor(terminal.replica),
            stdout: .null, stderr: .descriptor(terminal.replica))
        terminal.closeReplica()
        #expect(terminal.read(until: "Password: "))
        terminal.write("half\u{03}")
        #expect(Subprocess.waitForExit(pid) == 130, "\(terminal.transcript)")
        terminal.drain()
        #expect(terminal.transcript.contains("api-admin: interrupted") && !terminal.transcript.contains("half"))
        #expect(terminal.echoIsOn)
        #expect(try client.count("users") == 0)
    }

    @Test func refusalsSayWhy() throws {
        let client = try ReferenceClient()
        let duplicate = try run(["create-user", "ada"], on: client)
        #expect(duplicate.status == 1)
        #expect(
            duplicate.stderr == #"api-admin: cannot create user "ada": {"username":["A user with that username already exists."]}"# + "\n")
        let invalid = try run(["create-user", "no spaces", "--email", "x"], on: client)
        #expect(invalid.status == 1 && invalid.stderr.contains(#""email":["Enter a valid email address."]"#))
        let unknown = try run(["token", "nobody"], on: client)
        #expect(unknown.status == 1 && unknown.stderr == "api-admin: no user named \"nobody\"\n")
        for usage in [[], ["frobnicate"], ["create-user"], ["create-user", "x", "--password", "p", "--no-password"], ["token", "a", "b"]] {
            let result = try run(usage, on: client)
            #expect(result.status == 2, "\(usage)")
            #expect(result.stderr.contains("Usage: api-admin"))
        }
        #expect(try run(["--help"], on: client).status == 0)
        #expect(try client.count("users") == 4)
    }

    @Test func demoDataFillsAnEmptyDatabaseOnce() throws {
        let client = try ReferenceClient(seed: false)
        let loaded = try run(["demo-data", "--if-empty"], on: client)
        #expect(loaded.status == 0, "\(loaded.stderr)")
        let admin = try #require(
            loaded.stdout.firstMatch(of: /admin \(staff\): username admin, password ([A-Za-z0-9]{20}), token ([0-9a-f]{40})/))
        let (password, token) = (String(admin.1), String(admin.2))
        #expect(loaded.stdout.contains("the password is generated and shown only now"))
        #expect(try client.count("users") == 5 && client.count("accounts") == 3 && client.count("notes") == 5)
        #expect(loaded.stdout.contains("5 notes, 5 tags, 4 projects, 8 tasks"))
        let partTwo = ["tags": 5, "projects": 4, "tasks": 8, "task_tags": 10]
        for (table, rows) in partTwo { #expect(try client.count(table) == rows, "\(table)") }
        let notes = client.send(.get, "/api/notes/", token: token)
        #expect(notes.text.contains(#""title":"バグ発見 🐛""#) && notes.text.contains(#""author":"zoë""#))
        #expect(client.send(.get, "/api/users/", basic: ("admin", password)).text.contains(#""count":5"#))
        // The password that used to be published opens nothing.
        #expect(client.send(.get, "/api/users/", basic: ("admin", "admin-demo-password")).status == 401)
        let ada = client.send(
            .get, "/api/accounts/",
            token: try ReferenceAdmin(
                connection: client.connection,
                configuration: ReferenceConfiguration()
            ).token(for: "ada").key)
        #expect(ada.text.contains(#""count":2"#))

        let again = try run(["demo-data", "--if-empty"], on: client)
        #expect(again.status == 0 && again.stdout.contains("demo data not loaded"))
        let forced = try run(["demo-data"], on: client)
        #expect(forced.status == 1 && forced.stderr.contains("already exists"))
        #expect(try client.count("users") == 5)
        // Neither the skipped load nor the refused one added part-2 rows: one transaction.
        for (table, rows) in partTwo { #expect(try client.count(table) == rows, "\(table)") }

        // Another installation gets another password.
        let other = try ReferenceClient(seed: false)
        let otherLoad = try run(["demo-data"], on: other)
        let otherPassword = try #require(otherLoad.stdout.firstMatch(of: /password ([A-Za-z0-9]{20}),/)).1
        #expect(otherPassword != password)
        #expect(other.send(.get, "/api/users/", basic: ("admin", password)).status == 401)
    }

    /// Part 2's rows load in part 1's transaction: a tag slug already taken refuses the whole
    /// load, users and accounts included.
    @Test func demoDataLoadsAllOrNothing() throws {
        let client = try ReferenceClient(seed: false)
        try client.connection.executeScript("INSERT INTO tags (slug, name) VALUES ('urgent', 'Taken')")
        let refused = try run(["demo-data"], on: client)
        #expect(refused.status == 1 && refused.stderr.contains("api-admin: "), "\(refused.stdout)\(refused.stderr)")
        for table in ["users", "accounts", "notes", "projects", "tasks", "task_tags"] { #expect(try client.count(table) == 0, "\(table)") }
        #expect(try client.count("tags") == 1)
    }

    @Test func theIterationCountComesFromTheEnvironment() throws {
        #expect(try ReferenceConfiguration.fromEnvironment([:]).passwordIterations == 1_000_000)
        #expect(try ReferenceConfiguration.fromEnvironment(["SRF_PASSWORD_ITERATIONS": "1200"]).passwordIterations == 1200)
        for bad in ["0", "-1", "many", "99999999999"] {
            #expect(throws: ConfigurationError.self) { try ReferenceConfiguration.fromEnvironment(["SRF_PASSWORD_ITERATIONS": bad]) }
        }
    }

    @Test func theCountStrategyComesFromTheEnvironment() throws {
        #expect(try ReferenceConfiguration.fromEnvironment([:]).paginationCount == .exact)
        for (text, strategy) in [("exact", CountStrategy.exact), ("estimated", .estimated), ("none", .none)] {
            #expect(try ReferenceConfiguration.fromEnvironment(["SRF_PAGINATION_COUNT": text]).paginationCount == strategy)
        }
        #expect(throws: ConfigurationError.self) { try ReferenceConfiguration.fromEnvironment(["SRF_PAGINATION_COUNT": "approximate"]) }
    }

    @Test func theSecretKeyComesFromTheEnvironment() throws {
        #expect(try ReferenceConfiguration.fromEnvironment([:]).secretKey == ReferenceConfiguration.developmentSecretKey)
        #expect(try ReferenceConfiguration.fromEnvironment(["SRF_SECRET_KEY": ""]).secretKey == ReferenceConfiguration.developmentSecretKey)
        #expect(try ReferenceConfiguration.fromEnvironment(["SRF_SECRET_KEY": "k"]).secretKey == "k")
        // The sessions sign with it: session authentication comes last, after token and Basic.
        let settings = ReferenceAPI.settings(configuration: try .fromEnvironment(["SRF_SECRET_KEY": "k"]))
        let session = try #require(settings.authenticationClasses.last as? SessionAuthentication)
        #expect(session.sessions.secretKey == "k" && settings.authenticationClasses.count == 3)
        #expect(settings.authenticationClasses.first is TokenAuthentication)
    }

    @Test func theFieldLimitComesFromTheEnvironment() throws {
        #expect(try ReferenceConfiguration.fromEnvironment([:]).dataUploadMaxNumberFields == 1_000)
        let variable = "SRF_DATA_UPLOAD_MAX_NUMBER_FIELDS"
        #expect(try ReferenceConfiguration.fromEnvironment([variable: "50"]).dataUploadMaxNumberFields == 50)
        #expect(try ReferenceConfiguration.fromEnvironment([variable: "0"]).dataUploadMaxNumberFields == 0)
        #expect(try ReferenceConfiguration.fromEnvironment([variable: "none"]).dataUploadMaxNumberFields == nil)
        for bad in ["-1", "many", "1e3"] {
            #expect(throws: ConfigurationError.self) { try ReferenceConfiguration.fromEnvironment([variable: bad]) }
        }
        let settings = ReferenceAPI.settings(configuration: try .fromEnvironment([variable: "50"]))
        #expect(settings.dataUploadMaxNumberFields == 50)
    }

    /// Usage errors exit 2 with the reason; the password prompt never starts for them.
    @Test func usageErrorsExitTwo() throws {
        let client = try ReferenceClient(seed: false)
        for bad in [[], ["frobnicate"], ["create-user"], ["create-user", "a", "b"], ["token"], ["demo-data", "--bogus"], ["check", "x"]] {
            let result = try run(bad, on: client, stdin: "never read\n")
            #expect(result.status == 2, "\(bad)")
            #expect(result.stderr.hasPrefix("Error: ") && result.stderr.contains("Usage: api-admin"), "\(bad): \(result.stderr)")
        }
        #expect(try client.connection.query("SELECT count(*) FROM users")[0][0, as: Int.self] == 0)
        let help = try run(["create-user", "--help"], on: client)
        #expect(
            help.status == 0 && help.stdout.contains("--password-stdin") && help.stdout.contains("USAGE: api-admin create-user <username>"))
    }
}
