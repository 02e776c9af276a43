/// The page `BrowsableAPIRenderer` answers with, laid out as DRF's `rest_framework/api.html`:
/// navigation bar (sign-in or the user), breadcrumbs, the OPTIONS and DELETE buttons, the name
/// and description, pagination, the request and the response, the filter controls, and the
/// forms. Everything it shows comes from the view and the finalized response; every value is
/// escaped by `HTMLWriter`.
struct BrowsableAPIPage {
    let renderer: BrowsableAPIRenderer
    let response: Response
    let view: APIView?
    let request: Request?
    /// The masked CSRF token every form carries (nil: no session layer gives one).
    let csrfToken: String?

    func render() -> [UInt8] {
        var html = HTMLWriter()
        let name = view?.getViewName() ?? "API"
        html.raw("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        html.raw("<meta name=\"robots\" content=\"NONE,NOARCHIVE\">")
        html.element("title", text: "\(name) – Swift REST framework")
        html.raw("<style>\(BrowsableAPIAssets.css)</style></head><body>")
        writeNavigationBar(csrfToken: csrfToken, into: &html)
        writeBreadcrumbs(into: &html)
        html.raw("<main>")
        if let view, let request { writeRequestButtons(view: view, request: request, csrfToken: csrfToken, into: &html) }
        html.raw("<div class=\"page-header\">")
        html.element("h1", text: name)
        html.raw("</div>")
        if let description = view?.getViewDescription(), !description.isEmpty {
            html.element("div", [("class", "description")], text: description)
        }
        writePagination(into: &html)
        writeRequestAndResponse(into: &html)
        if let view, let request {
            writeFilters(view: view, into: &html)
            writeForms(view: view, request: request, csrfToken: csrfToken, into: &html)
        }
        html.raw("</main><script>\(BrowsableAPIAssets.script)</script></body></html>\n")
        return html.bytes
    }

    // MARK: Navigation

    private func writeNavigationBar(csrfToken: String?, into html: inout HTMLWriter) {
        html.raw("<header class=\"navbar\"><a class=\"brand\" href=\"/\">Swift REST framework</a><div class=\"user-area\">")
        if let request, request.user.isAuthenticated {
            html.element("span", [("class", "user")], text: request.user.username)
            if let logoutURL = renderer.logoutURL {
                html.open("form", [("method", "POST"), ("action", logoutURL), ("class", "logout")])
                BrowsableForms.writeCSRF(csrfToken, into: &html)
                html.raw("<button type=\"submit\" class=\"btn-link\">Log out</button></form>")
            }
        } else if let loginURL = renderer.loginURL {
            let next = PercentEncoding.quote(request?.path ?? "/", safe: "/")
            html.element("a", [("class", "login"), ("href", "\(loginURL)?next=\(next)")], text: "Log in")
        }
        html.raw("</div></header>")
    }

    private func writeBreadcrumbs(into html: inout HTMLWriter) {
        guard let request else { return }
        let crumbs = Breadcrumbs.of(request.path, urls: view?.urls)
        guard !crumbs.isEmpty else { return }
        html.raw("<ul class=\"breadcrumb\">")
        for (index, crumb) in crumbs.enumerated() {
            if index == crumbs.count - 1 {
                html.raw("<li class=\"active\">")
                html.element("a", [("href", crumb.url)], text: crumb.name)
            } else {
                html.raw("<li>")
                html.element("a", [("href", crumb.url)], text: crumb.name)
            }
            html.raw("</li>")
        }
        html.raw("</ul>")
    }

    // MARK: Request and response

    /// DRF's OPTIONS and DELETE buttons, each for a user who may use it.
    private func writeRequestButtons(view: APIView, request: Request, csrfToken: String?, into html: inout HTMLWriter) {
        html.raw("<div class=\"request-forms\">")
        if BrowsableForms.showForm(.options, view: view, request: request, object: false) {
            html.open("form", [("class", "button-form"), ("action", request.path), ("method", "POST"), ("data-method", "OPTIONS")])
            BrowsableForms.writeCSRF(csrfToken, into: &html)
            html.raw("<button type=\"submit\" class=\"btn btn-options\" title=\"Make an OPTIONS request\">OPTIONS</button></form>")
        }
        if BrowsableForms.showForm(.delete, view: view, request: request, object: showsObject) {
            html.open("form", [("class", "button-form"), ("action", request.path), ("method", "POST"), ("data-method", "DELETE")])
            BrowsableForms.writeCSRF(csrfToken, into: &html)
            html.raw("<button type=\"submit\" class=\"btn btn-danger\" title=\"Make a DELETE request\">DELETE</button></form>")
        }
        html.raw("</div>")
    }

    /// Previous and next, where the paginator's envelope has them.
    private func writePagination(into html: inout HTMLWriter) {
        guard let data = response.data?.objectValue, data["results"] != nil else { return }
        let previous = data["previous"]?.stringValue, next = data["next"]?.stringValue
        guard previous != nil || next != nil else { return }
        html.raw("<nav aria-label=\"Pagination\"><ul class=\"pagination\">")
        if let previous {
            html.raw("<li>")
            html.element("a", [("class", "previous"), ("rel", "prev"), ("href", previous)], text: "« Previous")
            html.raw("</li>")
        }
        if let next {
            html.raw("<li>")
            html.element("a", [("class", "next"), ("rel", "next"), ("href", next)], text: "Next »")
            html.raw("</li>")
        }
        html.raw("</ul></nav>")
    }

    private func writeRequestAndResponse(into html: inout HTMLWriter) {
        if let request {
            html.raw("<div class=\"request-info\"><pre class=\"prettyprint\"><b>")
            html.text(request.method.rawValue)
            html.raw("</b> ")
            html.text(request.path + (request.queryString.isEmpty ? "" : "?" + request.queryString))
            html.raw("</pre></div>")
        }
        let shown = contentRenderer
        var headers = response.headers.map { (name: $0.name, value: $0.value) }.filter { $0.name.lowercased() != "content-type" }
        // DRF shows the headers sorted, with the type of the renderer the body is shown in.
        headers.append((name: "Content-Type", value: shown.charset.map { "\(shown.mediaType); charset=\($0)" } ?? shown.mediaType))
        headers.sort { $0.name < $1.name }
        html.raw("<div class=\"response-info\"><pre class=\"prettyprint\"><span class=\"meta nocode\"><b class=\"status\">")
        html.text("HTTP \(response.status) \(HTTPStatusText.phrase(response.status))")
        html.raw("</b>\n")
        for header in headers {
            html.raw("<b>")
            html.text(header.name)
            html.raw(":</b> <span class=\"header-value\">")
            html.text(header.value)
            html.raw("</span>\n")
        }
        html.raw("\n</span><span class=\"response-body\">")
        if let data = response.data {
            if shown is JSONRenderer {
                LinkedJSON.write(data, into: &html)
            } else {
                let bytes = shown.render(data, acceptedMediaType: shown.mediaType + "; indent=4", request: request)
                html.text(String(decoding: bytes, as: UTF8.self))
            }
        }
        html.raw("</span></pre></div>")
    }

    /// DRF's `get_default_renderer`: the first of the view's renderers that is not this one.
    private var contentRenderer: any Renderer {
        view?.getRenderers().first { !($0 is BrowsableAPIRenderer) } ?? JSONRenderer()
    }

    /// Whether the page shows one object (a detail route that answered it).
    private var showsObject: Bool {
        guard let view else { return false }
        return (view.routing?.detail ?? !view.kwargs.isEmpty) && (200..<300).contains(response.status)
    }

    // MARK: Filters and forms

    /// DRF's `get_filter_form`: on a list (the data is a list, or a paginated envelope), each
    /// filter backend's controls (`FilterBackend.toHTML`).
    private func writeFilters(view: APIView, into html: inout HTMLWriter) {
        guard let filtered = view as? any FilterControlsWriting else { return }
        let isList = response.data?.arrayValue != nil || response.data?.objectValue?["results"] != nil
        guard isList else { return }
        var controls = HTMLWriter()
        filtered.writeFilterControls(into: &controls)
        guard !controls.bytes.isEmpty else { return }
        html.raw("<section class=\"panel filters-panel\"><h2>Filters</h2><div class=\"filters\">")
        html.raw(controls.string)
        html.raw("</div></section>")
    }

    /// The POST form of a list, or the PUT (and PATCH) forms of an object: an HTML form from the
    /// serializer's fields (where the view parses forms) and the raw data form.
    private func writeForms(view: APIView, request: Request, csrfToken: String?, into html: inout HTMLWriter) {
        let object = showsObject
        let method: HTTPMethod = object || view.routing?.detail == true ? .put : .post
        guard BrowsableForms.showForm(method, view: view, request: request, object: object) else { return }
        let fields = BrowsableForms.fields(for: method, view: view, request: request) ?? []
        let initial = method == .put ? response.data?.objectValue : nil
        let parsers = view.getParsers().map(\.mediaType)
        let htmlForms =
            !fields.isEmpty
            && parsers.contains { $0 == "application/x-www-form-urlencoded" || $0 == "multipart/form-data" }
        var rawMethods = [method]
        if method == .put && BrowsableForms.showForm(.patch, view: view, request: request, object: false) {
            rawMethods.append(.patch)
        }
        let id = method.rawValue.lowercased()
        html.raw("<section class=\"panel forms-panel\"><div class=\"tabs\" role=\"tablist\">")
        if htmlForms {
            html.raw(
                "<button type=\"button\" role=\"tab\" class=\"btn\" aria-selected=\"true\" data-tab=\"\(id)-object-form\">HTML form</button>"
            )
        }
        html.raw(
            "<button type=\"button\" role=\"tab\" class=\"btn\" aria-selected=\"\(htmlForms ? "false" : "true")\" data-tab=\"\(id)-generic-content-form\">Raw data</button></div>"
        )
        if htmlForms {
            html.raw("<div id=\"\(id)-object-form\" class=\"tab-panel\">")
            let related = BrowsableForms.relatedChoices(
                for: method, view: view, request: request, cutoff: renderer.htmlCutoff, cutoffText: renderer.htmlCutoffText)
            BrowsableForms.writeHTMLForm(
                method: method, action: request.path, fields: fields, initial: initial, related: related, csrfToken: csrfToken,
                into: &html)
            html.raw("</div>")
        }
        html.raw("<div id=\"\(id)-generic-content-form\" class=\"tab-panel\"\(htmlForms ? " hidden" : "")>")
        BrowsableForms.writeRawForm(
            methods: rawMethods, action: request.path, mediaTypes: parsers,
            content: BrowsableForms.rawContent(fields: fields, initial: initial), csrfToken: csrfToken, into: &html)
        html.raw("</div></section>")
    }
}
