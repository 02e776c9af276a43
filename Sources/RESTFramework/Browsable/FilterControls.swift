/// The built-in backends' `toHTML` (DRF's `to_html`): a search box, ordering links, django-filter's
/// form. Each is a GET form or links to the page's own path, so using them is an ordinary request.
extension SearchFilter {
    /// DRF's `search.html`: one text box, the current terms in it.
    public func toHTML<Q: Queryable>(_ request: Request, _ queryset: Q, view: APIView, into html: inout HTMLWriter) {
        guard !getSearchFields(view: view, request: request).isEmpty else { return }
        html.raw("<div class=\"filter search\"><h3>Search</h3>")
        html.open("form", [("class", "form-inline"), ("method", "GET"), ("action", request.path)])
        html.open(
            "input",
            [
                ("type", "search"), ("name", searchParam), ("value", request.query[searchParam] ?? ""), ("placeholder", "Search"),
                ("aria-label", "Search"),
            ])
        html.raw("<button type=\"submit\" class=\"btn\">Search</button></form></div>")
    }
}

extension OrderingFilter {
    /// DRF's `ordering.html`: each valid field ascending and descending, the current one marked.
    public func toHTML<Q: Queryable>(_ request: Request, _ queryset: Q, view: APIView, into html: inout HTMLWriter) {
        let fields = getValidFields(view: view)
        guard !fields.isEmpty else { return }
        let current = request.query[orderingParam]
        html.raw("<div class=\"filter ordering\"><h3>Ordering</h3><ul>")
        for field in fields {
            for (term, label) in [(field, "ascending"), ("-" + field, "descending")] {
                html.raw("<li>")
                var attributes = [("href", PaginationLink.url(request, setting: [orderingParam: term]))]
                if current == term { attributes.append(("class", "active")) }
                html.element("a", attributes, text: "\(FieldInfo.label(forFieldName: field)) - \(label)")
                html.raw("</li>")
            }
        }
        html.raw("</ul></div>")
    }
}

extension DjangoFilterBackend {
    /// django-filter's form: a text box per filter (`status`, `budget__gte`), values kept.
    public func toHTML<Q: Queryable>(_ request: Request, _ queryset: Q, view: APIView, into html: inout HTMLWriter) {
        guard let fields = (view as? any FilterableView)?.filtersetFields.fields, !fields.isEmpty else { return }
        html.raw("<div class=\"filter fields\"><h3>Field filters</h3>")
        html.open("form", [("method", "GET"), ("action", request.path)])
        for (field, lookups) in fields {
            for lookup in lookups {
                let name = FiltersetFields.filterName(field: field, lookup: lookup)
                html.raw("<div class=\"form-group\">")
                html.element(
                    "label", [("for", "filter-\(name)")],
                    text: FieldInfo.label(forFieldName: field) + (lookup == "exact" ? "" : " (\(lookup))"))
                html.open("input", [("type", "text"), ("id", "filter-\(name)"), ("name", name), ("value", request.query[name] ?? "")])
                html.raw("</div>")
            }
        }
        html.raw("<button type=\"submit\" class=\"btn btn-primary\">Submit</button></form></div>")
    }
}

/// DRF's `get_filter_form` asks `view.get_queryset()` for the queryset each backend's `to_html`
/// gets: a view without one (not a generic view) shows no controls, as in DRF.
protocol FilterControlsWriting: APIView {
    func writeFilterControls(into html: inout HTMLWriter)
}

extension GenericAPIView: FilterControlsWriting {
    func writeFilterControls(into html: inout HTMLWriter) {
        guard let request, let queryset = try? getQueryset() else { return }
        for backend in filterBackends { backend.toHTML(request, queryset, view: self, into: &html) }
    }
}
