/// Builds the absolute URL of a named route: DRF's `reverse(view_name, kwargs=..., request=...,
/// format=...)`. The serializer never talks to the URL conf itself, so its shape can change
/// without touching serializers; a view wires it up:
///
///     let reverse: URLReverser = { name, kwargs, request, format in
///         try urls.reverse(name, kwargs: kwargs, request: request, format: format)
///     }
public typealias URLReverser = (
    _ viewName: String, _ kwargs: [String: String], _ request: Request?,
    _ format: String?
) throws -> String

/// What a serializer knows of the request it serves: DRF's `context` dictionary, typed.
/// Hyperlinked fields use `reverse` (and pass `format` along); the model layer keeps its database
/// handle in `extensions` (it starts as a copy of the request's extensions).
///
///     let context = SerializerContext(request: request, view: self, format: formatKwarg, reverse: reverse)
///     let serializer = UserSerializer(instance: user, context: context)
///
/// A hand-written view passes itself, as DRF's `context={'request': request}`: without a
/// `reverse`, hyperlinks are reversed through the URL conf that routed the view (keeping the
/// request's `?format=`), and without a `format` they carry no suffix.
///
///     Response(try UserSerializer.many(instances: users, context: SerializerContext(request: request, view: self)).data)
///
/// Not `Sendable`: it holds the request, which never leaves its worker thread.
public struct SerializerContext {
    public var request: Request?
    public var view: APIView?
    /// The format suffix or `?format=` value of the request (`"json"`), for hyperlinks.
    public var format: String?
    public var reverse: URLReverser?
    /// DRF's `NON_FIELD_ERRORS_KEY`: where whole-object errors go.
    public var nonFieldErrorsKey: String
    /// Typed storage for other layers (the model layer's database handle).
    public var extensions: RequestExtensions
    /// Set while a serializer renders (its frozen context): the nested fields' child
    /// serializers, made once for all its rows.
    var nestedChildren: NestedChildren?

    public init(
        request: Request? = nil, view: APIView? = nil, format: String? = nil,
        reverse: URLReverser? = nil, nonFieldErrorsKey: String? = nil,
        extensions: RequestExtensions? = nil
    ) {
        self.request = request
        self.view = view
        self.format = format
        self.reverse = reverse ?? view.flatMap(Self.reverser(through:))
        self.nonFieldErrorsKey = nonFieldErrorsKey ?? view?.settings.nonFieldErrorsKey ?? "non_field_errors"
        self.extensions = extensions ?? request?.extensions ?? RequestExtensions()
    }

    /// Reverses through the URL conf that routed `view` (nil when it was not routed).
    static func reverser(through view: APIView) -> URLReverser? {
        guard let urls = view.urls else { return nil }
        let override = view.settings.urlFormatOverride
        return { name, kwargs, request, format in
            try urls.reverse(name, kwargs: kwargs, request: request, format: format, urlFormatOverride: override)
        }
    }
}

/// A serializer used in a way DRF answers with an `AssertionError` or `ImproperlyConfigured`:
/// a programming mistake, not a client error. It is not an `APIException`, so a view answers 500.
public struct SerializerConfigurationError: Error, Sendable, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
