/// The browsable API's stylesheet and script, shipped in the framework and written into each
/// page: nothing is fetched from elsewhere (production hosts may have no internet), and
/// nothing needs serving apart.
enum BrowsableAPIAssets {
    static let css = """
        body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#222;background:#f4f5f7}
        a{color:#2c5f8a}
        .navbar{display:flex;justify-content:space-between;align-items:center;background:#2c2c2c;color:#eee;padding:.6em 1.2em}
        .navbar a,.navbar .user{color:#eee}.navbar form{display:inline;margin-left:.8em}
        .navbar .brand{font-weight:600;text-decoration:none}
        .breadcrumb{list-style:none;margin:0;padding:.6em 1.2em;background:#e9ecef}
        .breadcrumb li{display:inline}.breadcrumb li+li:before{content:" / ";color:#888}
        .breadcrumb .active{color:#555}
        main{max-width:1100px;margin:0 auto;padding:1em 1.2em 3em}
        .request-forms{float:right;display:flex;gap:.4em}.request-forms form{margin:0}
        h1{font-size:1.8em;margin:.3em 0}.description{color:#555;margin-bottom:1em}
        pre{background:#fff;border:1px solid #ddd;border-radius:4px;padding:.8em;overflow:auto;white-space:pre-wrap;word-break:break-word}
        .response-info .meta{color:#555}
        .pagination{list-style:none;padding:0;display:flex;gap:.8em}
        .btn{border:1px solid #bbb;background:#fff;border-radius:4px;padding:.35em .9em;cursor:pointer;font:inherit}
        .btn-primary{background:#2c5f8a;border-color:#2c5f8a;color:#fff}.btn-danger{background:#b33;border-color:#b33;color:#fff}
        .btn-link{border:0;background:none;color:#eee;text-decoration:underline;padding:0}
        .panel{background:#fff;border:1px solid #ddd;border-radius:4px;margin:1.2em 0;padding:0 1em 1em}
        .tabs{display:flex;gap:.4em;margin:.8em 0}.tabs button[aria-selected=true]{background:#2c5f8a;color:#fff}
        .form-group{margin:.6em 0}.form-group label{display:block;font-weight:600;margin-bottom:.2em}
        input[type=text],input[type=number],input[type=date],input[type=datetime-local],input[type=time],input[type=email],
        input[type=url],input[type=search],select,textarea{width:100%;max-width:40em;box-sizing:border-box;padding:.35em;font:inherit}
        textarea{font-family:ui-monospace,monospace}
        .filters{display:flex;flex-wrap:wrap;gap:2em}.filter h3{margin:.6em 0 .3em;font-size:1.05em}.filter ul{margin:0;padding-left:1.2em}
        .filter a.active{font-weight:700}
        """

    /// Sends the page's forms with their method (HTML forms know only GET and POST), as DRF's
    /// `ajax-form.js`: a raw form's body as its media type, an HTML form's fields URL-encoded,
    /// the CSRF token as `X-CSRFToken`; the answer replaces the page. And switches the tabs.
    static let script = """
        (function () {
          document.addEventListener("submit", function (event) {
            var form = event.target;
            var method = form.getAttribute("data-method");
            if (!method) return;
            event.preventDefault();
            if (event.submitter && event.submitter.getAttribute("data-method")) method = event.submitter.getAttribute("data-method");
            if (method === "DELETE" && !window.confirm("Are you sure you want to delete this?")) return;
            var headers = {"Accept": "text/html"};
            var token = form.querySelector("input[name=csrfmiddlewaretoken]");
            if (token) headers["X-CSRFToken"] = token.value;
            var body = null;
            var content = form.querySelector("textarea[name=_content]");
            if (content) {
              headers["Content-Type"] = form.querySelector("[name=_content_type]").value;
              body = content.value;
            } else if (method !== "DELETE" && method !== "OPTIONS") {
              var data = new URLSearchParams();
              new FormData(form).forEach(function (value, name) { if (name !== "csrfmiddlewaretoken") data.append(name, value); });
              headers["Content-Type"] = "application/x-www-form-urlencoded";
              body = data.toString();
            }
            fetch(form.getAttribute("action"), {method: method, headers: headers, body: body, credentials: "same-origin"})
              .then(function (response) { return response.text(); })
              .then(function (text) { document.open(); document.write(text); document.close(); });
          });
          document.addEventListener("click", function (event) {
            var tab = event.target.closest("[data-tab]");
            if (!tab) return;
            var panel = tab.closest(".panel");
            panel.querySelectorAll("[data-tab]").forEach(function (other) {
              var selected = other === tab;
              other.setAttribute("aria-selected", selected ? "true" : "false");
              document.getElementById(other.getAttribute("data-tab")).hidden = !selected;
            });
          });
        })();
        """
}
