import Foundation
import TestSupport
import Testing

/// The browsable API as a person uses it, in headless Chromium behind nginx with the real
/// PostgreSQL: sign in through `/api/auth/login/?next=/api/tasks/`, land on the tasks page as the
/// user, get the `csrftoken` cookie back from a page after losing it, create a task through the
/// HTML form (its project and tags chosen in selects), edit it through the HTML form (a checkbox
/// unchecked) and the raw data tab, delete it with the DELETE button (its confirm accepted),
/// sign out. After each step the JSON API (fetched with the browser's cookies) says what it
/// holds; at the end the database has neither the task nor the session. Ten steps, one browser.
@Suite(.needsTestsRun) struct BrowserSessionTests {
    static let apollo = "11111111-1111-4111-8111-111111111111"

    func makeUser(_ stack: APIStack, _ name: String, _ password: String) throws {
        var environment = ProcessInfo.processInfo.environment
        environment["DATABASE_URL"] = stack.database!.url
        environment["SRF_PASSWORD_ITERATIONS"] = "10"
        let created = try Subprocess.run(
            TestEnvironment.executable("api-admin"), ["create-user", name, "--password-stdin"], environment: environment,
            stdin: password + "\n")
        guard created.status == 0 else { throw TestSupportError("create-user: \(created.stderr)") }
    }

    /// The step's page, or why there is none.
    static func status(_ page: [String: Any]) -> String { page["status"] as? String ?? "(no status) \(page)" }

    static func probe(_ page: [String: Any]) throws -> (status: Int, json: [String: Any]) {
        let probe = try #require(page["probe"] as? [String: Any], "\(page)")
        let body = probe["body"] as? String ?? ""
        let json = (try? JSONSerialization.jsonObject(with: Data(body.utf8))) as? [String: Any] ?? [:]
        return (probe["status"] as? Int ?? 0, json)
    }

    @Test func signInCreateEditDeleteAndSignOutInChromium() throws {
        let chromium = try #require(
            ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first { FileManager.default.isExecutableFile(atPath: $0) },
            "Debian's chromium package is needed (Tests/run installs it)")
        let stack = try APIStack(arguments: ["--workers", "2"], webServer: .nginx)
        let database = try #require(stack.database)
        try makeUser(stack, "ada", "pw-1")
        // Ada administers Engine (its project Apollo) and is only a member of Other (Gemini):
        // the task form's projects are Apollo alone.
        _ = try database.psql(
            """
            INSERT INTO accounts (name, owner_id) SELECT n, id FROM users, (VALUES ('Engine'), ('Other')) v(n) WHERE username = 'ada';
            INSERT INTO account_members (account_id, user_id, is_admin)
                SELECT a.id, u.id, a.name = 'Engine' FROM accounts a, users u WHERE u.username = 'ada';
            INSERT INTO projects (id, account_id, name, status) VALUES
                ('\(Self.apollo)', 1, 'Apollo', 'active'), ('22222222-2222-4222-8222-222222222222', 2, 'Gemini', 'active');
            INSERT INTO tags (slug, name) VALUES ('backend', 'Backend'), ('urgent', 'Urgent');
            """)
        let origin = "http://127.0.0.1:\(stack.port)"
        let requestLine = #"document.querySelector(".request-info pre")"#
        let steps: [[String: Any]] = [
            ["url": origin + "/api/auth/login/?next=/api/tasks/"],
            [
                "run": """
                document.getElementById("id_username").value = "ada";
                document.getElementById("id_password").value = "pw-1";
                document.querySelector("#login-form button").click();
                """,
                "until": #"location.pathname == "/api/tasks/" && document.readyState == "complete" && document.querySelector("h1")"#,
                "probe": "/api/tasks/",
            ],
            // A browser that lost its csrftoken cookie gets it back with the next page.
            [
                "run": #"document.cookie = "csrftoken=; Max-Age=0; Path=/"; location.reload();"#,
                "until": #"document.cookie.includes("csrftoken=") && document.readyState == "complete" && document.querySelector("h1")"#,
            ],
            [
                "run": """
                const form = document.querySelector("form.html-form[data-method=POST]");
                form.querySelector("[name=title]").value = "Write the browser test";
                form.querySelector("select[name=project]").selectedIndex = 0;
                [...form.querySelector("select[name=tags]").options].forEach((o) => { o.selected = o.value == "urgent"; });
                form.querySelector("[name=done]").checked = true;
                form.querySelector("button[type=submit]").click();
                """,
                "until": "\(requestLine) && \(requestLine).textContent.startsWith(\"POST\")",
                "probe": "/api/tasks/1/",
            ],
            ["url": "@link:0"],
            [
                "run": """
                const form = document.querySelector("form.html-form[data-method=PUT]");
                form.querySelector("[name=done]").checked = false;
                form.querySelector("button[type=submit]").click();
                """,
                "until": "\(requestLine) && \(requestLine).textContent.startsWith(\"PUT\")",
                "probe": "/api/tasks/1/",
            ],
            [
                "run": """
                document.querySelector("[data-tab=put-generic-content-form]").click();
                const form = document.querySelector("#put-generic-content-form form");
                form.querySelector("textarea[name=_content]").value = JSON.stringify({title: "Edited in the raw tab"});
                form.querySelector("button[data-method=PATCH]").click();
                """,
                "until": "\(requestLine) && \(requestLine).textContent.startsWith(\"PATCH\")",
                "probe": "/api/tasks/1/",
            ],
            [
                "run": #"document.querySelector("form[data-method=DELETE] button").click();"#,
                "until": "\(requestLine) && \(requestLine).textContent.startsWith(\"DELETE\")",
                "probe": "/api/tasks/1/",
            ],
            [
                "run": #"document.querySelector("form.logout button").click();"#,
                "until": #"location.pathname == "/api/" && document.readyState == "complete" && document.querySelector("a.login")"#,
                "probe": "/api/tasks/",
            ],
        ]
        let input = String(decoding: try JSONSerialization.data(withJSONObject: steps), as: UTF8.self)
        let run = try Subprocess.run(
            "/usr/bin/python3", [NginxProcess.projectRoot + "/Tests/Browser/dom.py", chromium], stdin: input)
        try #require(run.status == 0, "\(run.stderr)\n\(stack.logs)")
        let facts = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [[String: Any]])
        try #require(facts.count == steps.count)

        // Signed in, on the page `next` named, as ada; the task form's related fields are selects
        // of the rows ada may choose (Gemini's account she does not administer).
        let landed = facts[1]
        #expect(landed["path"] as? String == "/api/tasks/")
        #expect(landed["user"] as? String == "ada")
        #expect(Self.status(landed) == "HTTP 200 OK")
        #expect((landed["cookies"] as? [String] ?? []).contains("csrftoken"))
        let selects = landed["selects"] as? [String] ?? []
        #expect(selects.contains("project:*Project object (\(Self.apollo))"), "\(selects)")
        #expect(selects.contains("tags:multiple:Tag object (1)|Tag object (2)"), "\(selects)")
        #expect(selects.contains("assignee:*---------|ada"), "\(selects)")
        #expect(try Self.probe(landed).json["count"] as? Int == 0)

        #expect((facts[2]["cookies"] as? [String] ?? []).contains("csrftoken"))

        // Created through the HTML form: 201, the checkbox and the multiple select as chosen.
        let created = facts[3]
        #expect(Self.status(created) == "HTTP 201 Created", "\(created["body"] ?? "")")
        let made = try Self.probe(created)
        #expect(made.status == 200)
        #expect(made.json["title"] as? String == "Write the browser test")
        #expect(made.json["done"] as? Bool == true)
        #expect(made.json["tags"] as? [String] == ["urgent"])
        #expect(made.json["project"] as? String == origin + "/api/projects/\(Self.apollo)/")

        // The detail page's PUT form starts from the task: its project and tags selected.
        let detail = facts[4]
        #expect(detail["url"] as? String == origin + "/api/tasks/1/")
        let detailSelects = detail["selects"] as? [String] ?? []
        #expect(detailSelects.contains("project:*Project object (\(Self.apollo))"), "\(detailSelects)")
        #expect(detailSelects.contains("tags:multiple:Tag object (1)|*Tag object (2)"), "\(detailSelects)")

        // PUT through the HTML form with the checkbox unchecked: done is false, the rest kept.
        let put = facts[5]
        #expect(Self.status(put) == "HTTP 200 OK", "\(put["body"] ?? "")")
        let afterPut = try Self.probe(put)
        #expect(afterPut.json["done"] as? Bool == false)
        #expect(afterPut.json["tags"] as? [String] == ["urgent"])
        #expect(afterPut.json["title"] as? String == "Write the browser test")

        let patched = facts[6]
        #expect(Self.status(patched) == "HTTP 200 OK", "\(patched["body"] ?? "")")
        #expect(try Self.probe(patched).json["title"] as? String == "Edited in the raw tab")

        // DELETE asks first (the confirm, accepted), then shows the 204.
        let deleted = facts[7]
        #expect(Self.status(deleted) == "HTTP 204 No Content")
        #expect(deleted["dialogTypes"] as? [String] == ["confirm"])
        #expect(try Self.probe(deleted).status == 404)

        // Signed out: the API root with the sign-in link, and the session no longer answers.
        let signedOut = facts[8]
        #expect(signedOut["user"] is NSNull)
        #expect(signedOut["login"] as? String == "/api/auth/login/?next=/api/")
        #expect(try Self.probe(signedOut).status == 401)

        for (index, page) in facts.enumerated() where index != 7 {
            #expect(page["dialogs"] as? Int == 0, "step \(index)")
        }
        #expect(try database.psql("SELECT count(*) FROM tasks") == "0")
        #expect(try database.psql("SELECT count(*) FROM sessions") == "0")
    }
}
