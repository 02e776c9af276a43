/// The sign-in page (DRF's `rest_framework/login.html`, without Bootstrap: self-contained, no
/// CDN). `{{name}}` placeholders are replaced by escaped values; `{{{name}}}` by markup the
/// views build from escaped parts.
enum LoginTemplate {
    static let page = """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="robots" content="NONE,NOARCHIVE">
        <title>{{title}}</title>
        <style>
          body { font-family: sans-serif; background: #f5f5f5; margin: 0; }
          main { max-width: 22em; margin: 4em auto; background: #fff; padding: 1.5em 2em; border: 1px solid #ddd; }
          h1 { font-size: 1.3em; margin-top: 0; }
          label { display: block; margin-top: 1em; }
          input[type=text], input[type=password] { width: 100%; box-sizing: border-box; padding: .4em; }
          .errorlist { color: #b00; padding-left: 1.2em; }
          button { margin-top: 1.5em; padding: .5em 1.5em; }
        </style>
        </head>
        <body>
        <main>
        <h1>{{title}}</h1>
        {{{body}}}
        </main>
        </body>
        </html>

        """

    static let form = """
        <form action="{{action}}" method="post" id="login-form">
        <input type="hidden" name="csrfmiddlewaretoken" value="{{csrf_token}}">
        {{{non_field_errors}}}
        <label for="id_username">Username:</label>
        <input type="text" name="username" id="id_username" maxlength="150" autocapitalize="none" autocomplete="username" required autofocus value="{{username}}">
        {{{username_errors}}}
        <label for="id_password">Password:</label>
        <input type="password" name="password" id="id_password" autocomplete="current-password" required>
        {{{password_errors}}}
        <input type="hidden" name="next" value="{{next}}">
        <button type="submit">Log in</button>
        </form>
        """

    static let loggedOut = """
        <p>You have been signed out.</p>
        <p><a href="{{login}}">Log in again</a></p>
        """

    static let csrfFailure = """
        <p>CSRF verification failed. Request aborted.</p>
        <p>Reason given for failure: {{reason}}</p>
        """

    /// `template` with `{{name}}` replaced by `escape(value)` and `{{{name}}}` by `value`, in
    /// one pass over the template (a value is never read as a placeholder).
    static func render(_ template: String, _ values: [String: String]) -> String {
        var out = ""
        var rest = Substring(template)
        while let open = rest.firstRange(of: "{{") {
            out += rest[..<open.lowerBound]
            let raw = rest[open.upperBound...].hasPrefix("{")
            let nameStart = raw ? rest.index(after: open.upperBound) : open.upperBound
            guard let close = rest[nameStart...].firstRange(of: raw ? "}}}" : "}}") else {
                rest = rest[open.lowerBound...]
                break
            }
            let value = values[String(rest[nameStart..<close.lowerBound])] ?? ""
            out += raw ? value : HTMLEscaping.escape(value)
            rest = rest[close.upperBound...]
        }
        return out + rest
    }

    /// Django's `ErrorList.as_ul()`: nothing for no errors.
    static func errorList(_ messages: [String]) -> String {
        guard !messages.isEmpty else { return "" }
        return "<ul class=\"errorlist\">" + messages.map { "<li>\(HTMLEscaping.escape($0))</li>" }.joined() + "</ul>"
    }
}
