/// DRF's bodies of the `GenericAPIView` hooks (`requireQueryset(_:)`, `lookupObject(in:)`,
/// ...), for the default hooks and for custom overrides, and the helpers nobody overrides
/// (`getSerializer`, `paginateQueryset`, `getPaginatedResponse`).
///
///     final class AccountViewSet: ModelViewSet<QuerySet<Account>> {
///         override func getObject() throws -> Account {
///             try lookupObject(in: Account.objects(on: request).filter(.field("active", .exact(true))))
///         }
///     }

// MARK: - DRF's default bodies of the hooks

// A class extension, not a protocol extension: class properties read here (`lookupField`,
// `modelName`) are the request's subclass's, even when a base class's method calls these.
extension GenericAPIView {
    /// The body of DRF's `get_queryset`: the configured queryset, or the assertion that says
    /// the fix (a 500, as DRF's `AssertionError`).
    public func requireQueryset(_ queryset: Q?) throws -> Q {
        guard let queryset else {
            throw ImproperlyConfigured(
                "'\(ViewNaming.className(of: type(of: self)))' should either include a `queryset` "
                    + "attribute, or override the `getQueryset()` method.")
        }
        // A queryset that runs against the request's resources (a database connection) is
        // bound here, so a class-level `queryset` needs no request to be declared.
        guard let request, let bindable = queryset as? any RequestBindableQueryable else { return queryset }
        return try Self.bind(bindable, to: request)
    }

    private static func bind<B: RequestBindableQueryable>(_ queryset: B, to request: Request) throws -> Q {
        // B is Q at run time (the cast above came from a Q), so this cast cannot fail.
        guard let bound = try queryset.bound(to: request) as? Q else {
            throw ImproperlyConfigured("\(B.self) bound itself to a request as another type.")
        }
        return bound
    }

    /// The body of DRF's `get_serializer_class`.
    public func requireSerializerClass(_ serializerClass: Serializer.Type?) throws -> Serializer.Type {
        guard let serializerClass else {
            throw ImproperlyConfigured(
                "'\(ViewNaming.className(of: type(of: self)))' should either include a `serializerClass` "
                    + "attribute, or override the `getSerializerClass()` method.")
        }
        return serializerClass
    }

    /// The body of DRF's `get_object`, for any queryset of the view's rows: the row whose
    /// `lookupField` equals the URL's lookup value, then the object permission checks.
    ///
    /// A value the field cannot hold (`"abc"` for an integer pk) is 404 `Not found.`, as DRF's
    /// `get_object_or_404` turns Django's `ValueError` into a bare `Http404`; no row is
    /// `No <Model> matches the given query.`.
    public func lookupObject(in queryset: Q) throws -> Q.Element {
        let view = type(of: self)
        let kwarg = view.lookupURLKwarg ?? view.lookupField
        guard let value = kwargs[kwarg] else {
            throw ImproperlyConfigured(
                "Expected view \(ViewNaming.className(of: view)) to be called with a URL keyword "
                    + "argument named \"\(kwarg)\". Fix your URL conf, or set the `lookupField` "
                    + "attribute on the view correctly.")
        }
        let object = try getObjectOr404(queryset, where: view.lookupField, equals: .string(value), modelName: view.modelName)
        try checkObjectPermissions(request, object: object)
        return object
    }

    /// The body of DRF's `get_serializer_context`: the request, the view, the URL's format
    /// suffix, a `reverse` through the URL conf that routed the request (so hyperlinks keep
    /// `.json` and `?format=`), and the request's extensions (the model layer's database handle).
    public func makeSerializerContext() -> SerializerContext {
        var reverse: URLReverser?
        if let urls {
            let override = settings.urlFormatOverride
            reverse = { name, kwargs, request, format in
                try urls.reverse(name, kwargs: kwargs, request: request, format: format, urlFormatOverride: override)
            }
        }
        return SerializerContext(
            request: request, view: self, format: formatKwarg, reverse: reverse,
            extensions: request?.extensions)
    }

    /// The body of DRF's `perform_destroy` (`instance.delete()`): the view's queryset deletes
    /// the row, when it can.
    public func deleteObject(_ instance: Q.Element) throws {
        let queryset = try getQueryset()
        guard let deletable = queryset as? any DeletableQueryable else {
            throw ImproperlyConfigured(
                "'\(ViewNaming.className(of: type(of: self)))' cannot destroy: its queryset type "
                    + "\(Q.self) does not conform to `DeletableQueryable`. Override `performDestroy(_:)`, "
                    + "or use a queryset that can delete.")
        }
        try Self.delete(instance, from: deletable)
    }

    private static func delete<D: DeletableQueryable>(_ instance: Q.Element, from queryset: D) throws {
        // D is Q at run time (it came from `getQueryset()`), so the cast cannot fail.
        guard let object = instance as? D.Element else {
            throw ImproperlyConfigured("\(D.self) cannot delete a \(type(of: instance)).")
        }
        try queryset.delete(object)
    }
}

// MARK: - Helpers (DRF's `get_serializer`, `paginate_queryset`, `get_paginated_response`)

extension GenericAPIView {
    /// DRF's `get_serializer(instance, data=..., partial=...)`: the serializer class of this
    /// action, with this view's context.
    ///
    ///     let serializer = try getSerializer(data: try request.data)
    ///     try serializer.isValid(raiseException: true)
    public func getSerializer(_ instance: (any FieldReadable)? = nil, data: JSON? = nil, partial: Bool = false) throws -> Serializer {
        try getSerializerClass().init(instance: instance, data: data, partial: partial, context: getSerializerContext())
    }

    /// DRF's `get_serializer(page, many=True)`.
    ///
    ///     if let page = try paginateQueryset(recent) { return try getPaginatedResponse(getSerializer(many: page).data) }
    public func getSerializer<Rows: Sequence>(many instances: Rows) throws -> ListSerializer where Rows.Element: FieldReadable {
        try getSerializerClass().many(instances: boxedRows(instances), context: getSerializerContext())
    }

    /// DRF's `paginate_queryset`: the page of any queryset (an extra action may page another
    /// model's rows), or nil when pagination is off (no paginator, or no page size).
    public func paginateQueryset<T: Queryable>(_ queryset: T) throws -> [T.Element]? {
        guard let paginator else { return nil }
        return try paginator.paginate(queryset, request: request, view: self)
    }

    /// DRF's `get_paginated_response`: the paginator's envelope around the serialized page.
    /// Without a paginator it is a mistake in the view, as DRF's assertion says.
    public func getPaginatedResponse(_ data: JSON) throws -> Response {
        guard let paginator else {
            throw ImproperlyConfigured(
                "'\(ViewNaming.className(of: type(of: self)))' has no paginator: call "
                    + "`getPaginatedResponse` only after `paginateQueryset` returned a page.")
        }
        return paginator.paginatedResponse(data)
    }

    /// DRF's `get_success_headers`: `Location` from the serialized object's URL field, when it has one.
    public func getSuccessHeaders(_ data: JSON) -> Headers {
        // DRF writes `str(data["url"])`; only a link makes a useful Location, so a null url
        // (an object without a pk) gives none.
        guard case .string(let url)? = data.objectValue?[settings.urlFieldName] else { return Headers() }
        return ["Location": url]
    }
}

/// Django's `MultipleObjectsReturned`: the lookup field is not unique. A 500, as in DRF: the
/// view's `lookupField` (or its `getObject`) needs fixing.
public struct MultipleObjectsReturned: Error, Sendable, CustomStringConvertible {
    public let modelName: String?
    public let lookupField: String
    public var description: String {
        "get() returned more than one \(modelName ?? "object") -- the lookup field '\(lookupField)' is not unique."
    }
}

/// The rows as `[any FieldReadable]`: an array is read through its buffer, one reserved result
/// (this runs unspecialized for every page, where `map` went through the iterator protocol
/// for every row). Each box is made in its place in the result: appending copied every row
/// twice (into a temporary, then into the box).
func boxedRows<Rows: Sequence>(_ rows: Rows) -> [any FieldReadable] where Rows.Element: FieldReadable {
    if let array = rows as? [Rows.Element] {
        return array.withUnsafeBufferPointer { buffer in
            [any FieldReadable](unsafeUninitializedCapacity: buffer.count) { boxed, count in
                guard let base = boxed.baseAddress else { return }
                for i in buffer.indices { (base + i).initialize(to: buffer[i]) }
                count = buffer.count
            }
        }
    }
    return rows.map { $0 as any FieldReadable }
}
