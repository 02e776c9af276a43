import Foundation
import TestSupport
import Testing

/// The browsable API in a real browser: api-server behind nginx, pages loaded by Debian's
/// headless Chromium (Tests/Browser/dom.py drives it over the DevTools protocol) and their DOM
/// read back: the status line, the body with clickable links, pagination, the forms the user
/// may use, the sign-in link or the user, and a `<script>` username that stays text. Five page
/// loads. `SRF_BROWSER_SCREENSHOTS=DIR` also saves the list and detail pages (docs/'s pictures).
@Suite(.needsTestsRun) struct BrowserTests {
    static let adminKey = String(repeating: "a1", count: 20)
    static let scriptKey = String(repeating: "e5", count: 20)
    static let scriptName = "<script>alert(1)</script>"

    @Test func chromiumShowsTheBrowsableAPIOfTheReferenceAPI() throws {
        let chromium = try #require(
            ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first { FileManager.default.isExecutableFile(atPath: $0) },
            "Debian's chromium package is needed (Tests/run installs it)")
        let stack = try APIStack(arguments: ["--workers", "2"], webServer: .nginx)
        let database = try #require(stack.database)
        _ = try database.psql(
            """
            INSERT INTO users (username, is_staff, first_name) VALUES
                ('admin', true, 'Grace'), ('ada', false, 'Ada'), ('bob', false, ''), ('\(Self.scriptName)', false, '');
            INSERT INTO auth_tokens (key, user_id) VALUES ('\(Self.adminKey)', 1), ('\(Self.scriptKey)', 4);
            """)
        let origin = "http://127.0.0.1:\(stack.port)"
        let admin = ["Authorization": "Token " + Self.adminKey]
        let shots = ProcessInfo.processInfo.environment["SRF_BROWSER_SCREENSHOTS"]
        let pages: [[String: Any]] = [
            [
                "url": origin + "/api/users/?page_size=2", "headers": admin,
                "screenshot": shots.map { $0 + "/browsable-api-list.png" } ?? "",
            ],
            ["url": "@link:1", "headers": admin, "screenshot": shots.map { $0 + "/browsable-api-detail.png" } ?? ""],
            ["url": origin + "/api/users/4/", "headers": ["Authorization": "Token " + Self.scriptKey]],
            ["url": origin + "/api/projects/?search=x", "headers": admin],
            ["url": origin + "/api/users/"],
        ]
        let input = String(decoding: try JSONSerialization.data(withJSONObject: pages), as: UTF8.self)
        let run = try Subprocess.run(
            "/usr/bin/python3", [NginxProcess.projectRoot + "/Tests/Browser/dom.py", chromium], stdin: input)
        try #require(run.status == 0, "\(run.stderr)\n\(stack.logs)")
        let facts = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [[String: Any]])
        try #require(facts.count == 5)
        for page in facts {
            // No value ran as a script: only the page's own script, and no dialog.
            #expect(page["scripts"] as? Int == 1, "\(page["url"] ?? "")")
            #expect(page["dialogs"] as? Int == 0, "\(page["url"] ?? "")")
        }

        let list = facts[0]
        #expect(list["name"] as? String == "User List")
        #expect(list["breadcrumbs"] as? [String] == ["Api Root", "User List"])
        #expect(list["request"] as? String == "GET /api/users/?page_size=2")
        #expect(list["status"] as? String == "HTTP 200 OK")
        #expect(list["headers"] as? [String] == ["HTTP 200 OK", "Allow:", "Content-Type:", "Vary:"])
        #expect(
            (list["body"] as? String)?.hasPrefix("{\n    \"count\": 4,\n    \"next\": \"\(origin)/api/users/?page=2&page_size=2\"") == true)
        #expect((list["bodyLinks"] as? [String])?.first == origin + "/api/users/?page=2&page_size=2")
        #expect(list["next"] as? String == origin + "/api/users/?page=2&page_size=2")
        #expect(list["forms"] as? [String] == ["OPTIONS", "POST", "POST"])
        let fields = list["fields"] as? [String] ?? []
        #expect(fields.contains("input:text:username") && fields.contains("input:checkbox:is_staff"), "\(fields)")
        #expect(list["rawMediaType"] as? String == "application/json")
        #expect(list["user"] as? String == "admin")
        #expect(list["logout"] as? String == "/api/auth/logout/")

        // The link a user clicks in the list's body (after `next`): the first user's page.
        let detail = facts[1]
        #expect(detail["url"] as? String == origin + "/api/users/1/")
        #expect(detail["name"] as? String == "User Instance")
        #expect(detail["breadcrumbs"] as? [String] == ["Api Root", "User List", "User Instance"])
        #expect(detail["request"] as? String == "GET /api/users/1/")
        #expect(detail["forms"] as? [String] == ["OPTIONS", "DELETE", "PUT", "PUT"])
        let buttons = detail["buttons"] as? [String] ?? []
        #expect(buttons.contains("PATCH") && buttons.contains("DELETE"), "\(buttons)")
        #expect((detail["fields"] as? [String] ?? []).contains("input:text:first_name"))
        #expect((detail["rawContent"] as? String)?.contains("\"first_name\": \"Grace\"") == true)
        #expect(detail["next"] is NSNull)

        let script = facts[2]
        #expect(script["user"] as? String == Self.scriptName)
        #expect(script["userChildElements"] as? Int == 0)
        #expect((script["body"] as? String)?.contains("\"username\": \"\(Self.scriptName)\"") == true)
        // Not staff: the user's own page shows no forms for the staff-only methods.
        #expect(script["forms"] as? [String] == [])

        let projects = facts[3]
        #expect(projects["name"] as? String == "Project List")
        let filters = projects["filters"] as? [String] ?? []
        #expect(filters.contains("search") && filters.contains("status") && filters.contains("budget__gte"), "\(filters)")
        #expect((projects["ordering"] as? Int ?? 0) > 0)

        let anonymous = facts[4]
        #expect(anonymous["status"] as? String == "HTTP 401 Unauthorized")
        #expect(anonymous["login"] as? String == "/api/auth/login/?next=/api/users/")
        #expect(anonymous["user"] is NSNull)
    }
}
