/// The browsable API's forms: DRF's `show_form_for_method` (which methods the user may use),
/// the HTML form built from the serializer's fields, and the raw data form.
enum BrowsableForms {
    /// DRF's `show_form_for_method`: the view answers `method`, and the user passes its
    /// permission checks for it (under `overridingMethod`), and, where the page shows an
    /// object, its object permissions (DRF checks the instance it rendered; here the view looks
    /// it up again, as OPTIONS does for PUT).
    static func showForm(_ method: HTTPMethod, view: APIView, request: Request, object: Bool) -> Bool {
        guard view.allowedMethods.contains(method) else { return false }
        return overridingMethod(method, view: view, request: request) { clone in
            do {
                try view.checkPermissions(clone)
                if object, let provider = view as? any ActionsMetadataProviding { try provider.checkObjectForMetadata(clone) }
            } catch {
                return false
            }
            return true
        }
    }

    /// The fields the serializer describes for `method` (as OPTIONS lists them), worked out
    /// under `overridingMethod`; nil when the view describes none.
    static func fields(for method: HTTPMethod, view: APIView, request: Request) -> [(name: String, info: JSONObject)]? {
        guard let provider = view as? any ActionsMetadataProviding else { return nil }
        let info = overridingMethod(method, view: view, request: request) { _ in
            try? provider.serializerInfo(for: method)?.objectValue
        }
        return info?.pairs.compactMap { pair in pair.value.objectValue.map { (pair.key, $0) } }
    }

    /// The related fields' options for `method`'s HTML form (DRF's `iter_options`), by field
    /// name, from the serializer `method` uses, under `overridingMethod` (its queryset may depend
    /// on the user). A field whose rows cannot be read stays a text input.
    static func relatedChoices(
        for method: HTTPMethod, view: APIView, request: Request, cutoff: Int, cutoffText: String
    ) -> [String: RelatedChoices] {
        guard let provider = view as? any FormSerializerProviding else { return [:] }
        return overridingMethod(method, view: view, request: request) { _ in
            guard let serializer = try? provider.formSerializer() else { return [:] }
            var found: [String: RelatedChoices] = [:]
            for field in serializer.fields {
                let choices = try? RelatedChoices.of(field, cutoff: cutoff, cutoffText: cutoffText, context: serializer.context)
                if let choices { found[field.name] = choices }
            }
            return found
        }
    }

    /// DRF's `override_method`: while `body` runs, the view serves a copy of the request with
    /// `method`, and a viewset's `action` is the one its route maps to that method (nil when
    /// none, as DRF's `action_map.get`), so per-action permissions and serializers apply.
    static func overridingMethod<T>(_ method: HTTPMethod, view: APIView, request: Request, _ body: (Request) -> T) -> T {
        let clone = request.cloned(method: method)
        let routing = view.routing
        view.request = clone
        view.routing?.action = routing.flatMap { $0.action(mappedTo: method) }
        defer {
            view.request = request
            view.routing = routing
        }
        return body(clone)
    }

    /// The HTML form: one control per writable field, the values of `initial` filled in.
    static func writeHTMLForm(
        method: HTTPMethod, action: String, fields: [(name: String, info: JSONObject)], initial: JSONObject?,
        related: [String: RelatedChoices] = [:], csrfToken: String?, into html: inout HTMLWriter
    ) {
        html.open("form", [("class", "api-form html-form"), ("action", action), ("method", "POST"), ("data-method", method.rawValue)])
        writeCSRF(csrfToken, into: &html)
        for (name, info) in fields where info["read_only"]?.boolValue != true {
            writeField(name: name, info: info, value: initial?[name], method: method, related: related[name], into: &html)
        }
        html.open("div", [("class", "form-actions")])
        html.element(
            "button", [("type", "submit"), ("class", "btn btn-primary"), ("title", "Make a \(method.rawValue) request")],
            text: method.rawValue)
        html.raw("</div></form>")
    }

    /// One field: a label and the control its type asks for (DRF's HTML form templates).
    static func writeField(
        name: String, info: JSONObject, value: JSON?, method: HTTPMethod, related: RelatedChoices? = nil,
        into html: inout HTMLWriter
    ) {
        let id = "\(method.rawValue.lowercased())-\(name)"
        let type = info["type"]?.stringValue ?? "field"
        let label = info["label"]?.stringValue ?? FieldInfo.label(forFieldName: name)
        let required = info["required"]?.boolValue == true
        html.open("div", [("class", "form-group field-\(type.replacingOccurrences(of: " ", with: "-"))")])
        html.element("label", [("for", id)], text: label + (required ? " *" : ""))
        var common: [(String, String)] = [("id", id), ("name", name)]
        if required { common.append(("required", "required")) }
        if let related {
            writeRelatedSelect(related, attributes: common, value: value, into: &html)
        } else if let choices = info["choices"]?.arrayValue {
            var attributes = common
            if type == "multiple choice" { attributes.append(("multiple", "multiple")) }
            html.open("select", attributes)
            if !required && type != "multiple choice" { html.element("option", [("value", "")], text: "---------") }
            let selected = selectedTexts(value)
            for choice in choices {
                let choiceValue = choice["value"].map(formText) ?? ""
                var optionAttributes = [("value", choiceValue)]
                if selected.contains(choiceValue) { optionAttributes.append(("selected", "selected")) }
                html.element("option", optionAttributes, text: choice["display_name"].map(formText) ?? choiceValue)
            }
            html.raw("</select>")
        } else if type == "boolean" {
            var attributes = common.filter { $0.0 != "required" } + [("type", "checkbox"), ("value", "true")]
            if value?.boolValue == true { attributes.append(("checked", "checked")) }
            html.open("input", attributes)
        } else if type == "nested object" || type == "list" {
            html.element("textarea", common + [("rows", "3")], text: value.map { JSONWriter.renderString($0, indent: 4) } ?? "")
        } else {
            var attributes = common + [("type", inputType(type))]
            if type == "decimal" || type == "float" { attributes.append(("step", "any")) }
            if let maxLength = info["max_length"], case .int(let limit) = maxLength { attributes.append(("maxlength", String(limit))) }
            if let value, !value.isNull { attributes.append(("value", inputValue(value, type: type))) }
            html.open("input", attributes)
        }
        html.raw("</div>")
    }

    /// DRF's `select.html` / `select_multiple.html` for a related field: the queryset's rows,
    /// the current value(s) selected, an empty choice where null is allowed, and the cutoff's
    /// disabled option. A multiple select is never `required` (an empty list may be valid).
    static func writeRelatedSelect(
        _ related: RelatedChoices, attributes common: [(String, String)], value: JSON?, into html: inout HTMLWriter
    ) {
        var attributes = common
        if related.many {
            attributes = attributes.filter { $0.0 != "required" } + [("multiple", "multiple")]
            if related.options.isEmpty { attributes.append(("disabled", "disabled")) }
        }
        html.open("select", attributes)
        let selected = selectedTexts(value)
        if !related.many && related.allowNull {
            var empty = [("value", "")]
            if value?.isNull ?? true { empty.append(("selected", "selected")) }
            html.element("option", empty, text: "---------")
        }
        for option in related.options {
            var optionAttributes = [("value", option.value)]
            if selected.contains(option.value) { optionAttributes.append(("selected", "selected")) }
            html.element("option", optionAttributes, text: option.display)
        }
        if let cutoffText = related.cutoffText {
            html.element("option", [("value", "n/a"), ("disabled", "disabled")], text: cutoffText)
        }
        if related.many && related.options.isEmpty { html.element("option", text: "No items to select.") }
        html.raw("</select>")
    }

    /// The raw data form: a media type (the view's parsers) and a textarea with the body, and a
    /// button per method (PUT and PATCH on one object, as DRF's).
    static func writeRawForm(
        methods: [HTTPMethod], action: String, mediaTypes: [String], content: String, csrfToken: String?,
        into html: inout HTMLWriter
    ) {
        guard let first = methods.first else { return }
        html.open("form", [("class", "api-form raw-form"), ("action", action), ("method", "POST"), ("data-method", first.rawValue)])
        writeCSRF(csrfToken, into: &html)
        let id = "raw-\(first.rawValue.lowercased())"
        html.open("div", [("class", "form-group")])
        html.element("label", [("for", "\(id)-content-type")], text: "Media type:")
        html.open("select", [("id", "\(id)-content-type"), ("name", "_content_type")])
        for mediaType in mediaTypes { html.element("option", [("value", mediaType)], text: mediaType) }
        html.raw("</select></div>")
        html.open("div", [("class", "form-group")])
        html.element("label", [("for", "\(id)-content")], text: "Content:")
        html.element("textarea", [("id", "\(id)-content"), ("name", "_content"), ("rows", "10")], text: content)
        html.raw("</div>")
        html.open("div", [("class", "form-actions")])
        for method in methods {
            html.element(
                "button",
                [
                    ("type", "submit"), ("class", "btn btn-primary"), ("data-method", method.rawValue),
                    ("title", "Make a \(method.rawValue) request"),
                ],
                text: method.rawValue)
        }
        html.raw("</div></form>")
    }

    /// Django's hidden CSRF field, when the page has a token.
    static func writeCSRF(_ token: String?, into html: inout HTMLWriter) {
        guard let token else { return }
        html.open("input", [("type", "hidden"), ("name", "csrfmiddlewaretoken"), ("value", token)])
    }

    /// The body a raw form starts with: the object shown (PUT, PATCH), else each writable field
    /// empty (DRF's serializer `data` without an instance).
    static func rawContent(fields: [(name: String, info: JSONObject)], initial: JSONObject?) -> String {
        var object = JSONObject()
        for (name, info) in fields where info["read_only"]?.boolValue != true {
            if let value = initial?[name] {
                object.append(name, value)
            } else {
                object.append(name, info["type"]?.stringValue == "boolean" ? .bool(false) : .string(""))
            }
        }
        return JSONWriter.renderString(.object(object), indent: 4)
    }

    private static func inputType(_ type: String) -> String {
        switch type {
        case "integer", "float", "decimal": "number"
        case "date": "date"
        case "datetime": "datetime-local"
        case "time": "time"
        case "email": "email"
        case "url": "url"
        default: "text"
        }
    }

    /// What an `<input>` of the type takes: a `datetime-local` control wants `YYYY-MM-DDTHH:MM[:SS]`,
    /// without the zone the API writes.
    private static func inputValue(_ value: JSON, type: String) -> String {
        let text = formText(value)
        if type == "datetime", text.utf8.count >= 19 { return String(text.prefix(19)) }
        return text
    }

    /// A value as a form sends it (strings as they are, numbers and booleans as JSON writes them).
    static func formText(_ value: JSON) -> String {
        if case .string(let text) = value { return text }
        if value.isNull { return "" }
        return JSONWriter.renderString(value)
    }

    private static func selectedTexts(_ value: JSON?) -> Set<String> {
        guard let value else { return [] }
        if let items = value.arrayValue { return Set(items.map(formText)) }
        return [formText(value)]
    }
}

/// A view whose browsable forms read the serializer itself (its related fields' rows), not only
/// the field descriptions OPTIONS gives: the generic views, through `getSerializer()`.
protocol FormSerializerProviding: APIView {
    func formSerializer() throws -> Serializer
}

extension GenericAPIView: FormSerializerProviding {
    func formSerializer() throws -> Serializer { try getSerializer() }
}
