/// DRF's `HyperlinkedRelatedField`: the related row as an absolute link to its detail route
/// (reversed as `HyperlinkedIdentityField` does), and a link as input. The input's path is
/// resolved through the URL conf that routed the view (`context.view`), as Django's `resolve`:
/// an absolute `http`/`https` URL gives its path, whatever its host; anything else is taken as a
/// path as it is (a query string then matches nothing). Then: `Invalid hyperlink - No URL
/// match.`, `Invalid hyperlink - Incorrect URL match.` (another route), `Invalid hyperlink -
/// Object does not exist.` (no such row among the `queryset`'s), `Incorrect type. Expected URL
/// string, received int.`.
///
///     HyperlinkedRelatedField("project", viewName: "project-detail",
///                             queryset: ModelRelatedQueryset(Project.self) { context in adminProjects(context) })
///     HyperlinkedRelatedField("tags", viewName: "tag-detail", lookupField: "slug", many: true, readOnly: true)
///
/// With `lookupField` `"pk"` a to-one link is made from the key the row holds (no related
/// row read); another lookup field reads the related row.
public struct HyperlinkedRelatedField: RelatedField, RelationReadingField {
    public var options: FieldOptions
    public var viewName: String
    public var lookupField: String
    public var lookupURLKwarg: String
    public var format: String?
    public var queryset: (any RelatedQueryset)?
    public var many: Bool
    public var allowEmpty: Bool

    public init(
        _ name: String, viewName: String, lookupField: String = "pk", lookupURLKwarg: String? = nil,
        format: String? = nil, queryset: (any RelatedQueryset)? = nil, many: Bool = false, allowEmpty: Bool = true,
        source: String? = nil, required: Bool? = nil, readOnly: Bool = false, writeOnly: Bool = false,
        default defaultValue: FieldDefault? = nil, allowNull: Bool = false, label: String? = nil,
        helpText: String? = nil, validators: [any Validator] = [], errorMessages: [String: String] = [:]
    ) {
        assert(queryset != nil || readOnly, "Relational field `\(name)` must provide a `queryset`, or set readOnly: true.")
        options = FieldOptions(
            name: name, source: source, required: required, readOnly: readOnly, writeOnly: writeOnly,
            default: defaultValue, allowNull: allowNull, label: label, helpText: helpText,
            validators: validators, errorMessages: errorMessages)
        self.viewName = viewName
        self.lookupField = lookupField
        self.lookupURLKwarg = lookupURLKwarg ?? lookupField
        self.format = format
        self.queryset = queryset
        self.many = many
        self.allowEmpty = allowEmpty
    }

    var messages: ErrorMessages {
        ErrorMessages(
            defaults: [
                "no_match": "Invalid hyperlink - No URL match.",
                "incorrect_match": "Invalid hyperlink - Incorrect URL match.",
                "does_not_exist": "Invalid hyperlink - Object does not exist.",
                "incorrect_type": "Incorrect type. Expected URL string, received {data_type}.",
            ], overrides: options.errorMessages)
    }

    // MARK: Input

    public func runValidation(_ data: JSON?, context: FieldValidationContext) throws -> FieldValue? {
        try relatedValidation(data, context: context)
    }

    public func toInternalValue(_ data: JSON, context: FieldValidationContext) throws -> FieldValue {
        try relatedInternalValue(data, context: context)
    }

    public func relatedKey(_ data: JSON, context: FieldValidationContext) throws -> FieldValue {
        guard case .string(let text) = data else {
            throw messages.fail("incorrect_type", ["data_type": data.pythonTypeName])
        }
        let path = PercentEncoding.unquote(
            text.hasPrefix("http:") || text.hasPrefix("https:") ? Self.urlPath(text) : Substring(text), plus: false)
        let serializerContext = context.serializerContext
        guard let urls = serializerContext.view?.urls ?? serializerContext.extensions[URLConfKey.self] else {
            throw SerializerConfigurationError(
                "HyperlinkedRelatedField `\(name)` resolves links through the URL conf of the view in the serializer context; "
                    + "pass `SerializerContext(request:view:)` (or set `extensions[URLConfKey.self]`).")
        }
        guard let match = urls.match(path: path) else { throw messages.fail("no_match") }
        // DRF: under NamespaceVersioning a link must be in the request's version's namespace.
        let namespacing = serializerContext.request.flatMap { request in
            (request.versioningScheme as? NamespaceVersioning).map { $0.versionedViewName(viewName, request: request) }
        }
        guard match.name == namespacing ?? viewName else { throw messages.fail("incorrect_match") }
        guard let queryset, let lookupValue = match.kwargs[lookupURLKwarg] else { throw messages.fail("does_not_exist") }
        switch RelatedKeyReading.read(.string(lookupValue), as: queryset.keyType(of: lookupField)) {
        case .failure(.invalid(let message)): throw ValidationError(message, code: "invalid")
        case .failure: throw messages.fail("does_not_exist")
        case .success(let value):
            guard let found = try queryset.primaryKey(where: lookupField, equals: value, context: serializerContext), !found.isNull else {
                throw messages.fail("does_not_exist")
            }
            return found
        }
    }

    /// Python's `urlparse(url).path` for an `http:`/`https:` URL: after the scheme, `//host`
    /// when present, up to `?` or `#`.
    static func urlPath(_ url: String) -> Substring {
        var rest = url[url.index(after: url.firstIndex(of: ":")!)...]  // the caller checked the prefix
        if rest.hasPrefix("//") {
            rest = rest.dropFirst(2)
            rest = rest[(rest.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? rest.endIndex)...]
        }
        return rest[..<(rest.firstIndex { $0 == "?" || $0 == "#" } ?? rest.endIndex)]
    }

    // MARK: Output

    public func representation(ofRelated object: any FieldReadable, context: SerializerContext) throws -> JSON {
        var value = object.fieldValue(lookupField)
        if value == nil, lookupField == "pk" { value = object.fieldValue("id") }
        guard let value, !value.isNull else { return .null }
        return .string(try link(value, context: context))
    }

    public func representation(of instance: any FieldReadable, context: SerializerContext) throws -> JSON? {
        // DRF's `use_pk_only_optimization`: a to-one link by pk needs only the key the row holds.
        if !many, lookupField == "pk", let key = instance.fieldValue(source) {
            return key.isNull ? .null : .string(try link(key, context: context))
        }
        return try relatedRepresentation(of: instance, context: context)
    }

    public func toRepresentation(_ value: FieldValue, context: SerializerContext) throws -> JSON {
        .string(try link(value, context: context))
    }

    func link(_ value: FieldValue, context: SerializerContext) throws -> String {
        guard let reverse = context.reverse else {
            throw SerializerConfigurationError(
                "`HyperlinkedRelatedField` `\(options.name)` requires a `reverse` function in the serializer context. "
                    + "Pass `SerializerContext(request: request, view: view)` when instantiating the serializer.")
        }
        var format = context.format
        if let requested = format, let own = self.format, own != requested { format = own }
        do {
            return try reverse(viewName, [lookupURLKwarg: value.description], context.request, format)
        } catch {
            throw SerializerConfigurationError(
                "Could not resolve URL for hyperlinked relationship using view name \"\(viewName)\". You may have failed "
                    + "to include the related model in your API, or incorrectly configured the `lookupField` attribute on this field.")
        }
    }

    public var relatedPaths: [String] {
        !many && lookupField == "pk" && !source.contains(".") ? [] : [readPath]
    }
}

/// Where a serializer used outside a routed view finds the URL conf hyperlinked input is
/// resolved through (`context.extensions[URLConfKey.self] = urls`).
public enum URLConfKey: RequestExtensionKey {
    public typealias Value = URLConf
}

/// A to-one link by pk is written from the key the serializer reads through the row type's
/// reader (no lookup by name per row). Otherwise the link needs the related row: the source
/// handed out is one no reader answers (`""`), so the serializer calls `writeRepresentation`.
extension HyperlinkedRelatedField: ValueWritingField {
    var valueSource: String { !many && lookupField == "pk" ? source : "" }

    func writeValue(_ value: FieldValue, context: SerializerContext, into out: inout [UInt8]) throws {
        JSONWriter.writeString(try link(value, context: context), into: &out)
    }
}
