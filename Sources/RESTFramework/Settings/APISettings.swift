#if canImport(Glibc)
import Glibc
#endif

/// The application's defaults: DRF's `REST_FRAMEWORK` setting, as an immutable value shared by
/// every worker.
///
///     var settings = APISettings()
///     settings.authenticationClasses = [TokenAuthentication(store: tokens), BasicAuthentication(store: users)]
///     settings.permissionClasses = [IsAuthenticated()]
///
/// The values live in one shared, immutable box: every view gets the settings per request
/// (and starts from the defaults), so making, copying and dropping them is one reference count
/// instead of a dozen arrays and existentials each. A change
/// (configuration, at start-up) boxes a changed copy.
public struct APISettings: Sendable {
    /// DRF's default is none.
    public var authenticationClasses: [any Authentication] {
        get { box.values.authenticationClasses }
        set { change { $0.authenticationClasses = newValue } }
    }
    /// DRF's default is AllowAny.
    public var permissionClasses: [any Permission] {
        get { box.values.permissionClasses }
        set { change { $0.permissionClasses = newValue } }
    }
    public var parserClasses: [any Parser] {
        get { box.values.parserClasses }
        set { change { $0.parserClasses = newValue } }
    }
    /// DRF's default: JSON, then the browsable API (`text/html`, `?format=api`) for browsers.
    public var rendererClasses: [any Renderer] {
        get { box.values.rendererClasses }
        set { change { $0.rendererClasses = newValue } }
    }
    public var metadata: any Metadata {
        get { box.values.metadata }
        set { change { $0.metadata = newValue } }
    }
    /// Turns exceptions into responses; nil from it means "unhandled": a 500.
    public var exceptionHandler: @Sendable (any Error, APIView?) -> Response? {
        get { box.values.exceptionHandler }
        set { change { $0.exceptionHandler = newValue } }
    }
    /// DRF's `URL_FORMAT_OVERRIDE`: the query parameter that forces a format.
    public var urlFormatOverride: String? {
        get { box.values.urlFormatOverride }
        set { change { $0.urlFormatOverride = newValue } }
    }
    /// DRF's `FORMAT_SUFFIX_KWARG`.
    public var formatSuffixKwarg: String {
        get { box.values.formatSuffixKwarg }
        set { change { $0.formatSuffixKwarg = newValue } }
    }
    /// DRF's `NON_FIELD_ERRORS_KEY`.
    public var nonFieldErrorsKey: String {
        get { box.values.nonFieldErrorsKey }
        set { change { $0.nonFieldErrorsKey = newValue } }
    }
    /// Django's `APPEND_SLASH`: redirect a path that lacks only its trailing slash.
    public var appendSlash: Bool {
        get { box.values.appendSlash }
        set { change { $0.appendSlash = newValue } }
    }
    /// Django's `ALLOWED_HOSTS`: a request for another `Host` gets a 400 before any view runs.
    /// Default `AllowedHosts.localDefault` (localhost variants and `testserver`); api-server
    /// replaces it with `SRF_ALLOWED_HOSTS` when that is set.
    public var allowedHosts: AllowedHosts {
        get { box.values.allowedHosts }
        set { change { $0.allowedHosts = newValue } }
    }
    /// DRF's `PAGE_SIZE`: the page size of paginators that set none (nil: pagination off).
    public var pageSize: Int? {
        get { box.values.pageSize }
        set { change { $0.pageSize = newValue } }
    }
    /// DRF's `DEFAULT_PAGINATION_CLASS`: the paginator of views that name none (nil: none).
    public var paginationClass: PaginatorFactory? {
        get { box.values.paginationClass }
        set { change { $0.paginationClass = newValue } }
    }
    /// DRF's `DEFAULT_FILTER_BACKENDS`: the filter backends of generic views that name none.
    public var filterBackends: [any FilterBackend] {
        get { box.values.filterBackends }
        set { change { $0.filterBackends = newValue } }
    }
    /// DRF's `URL_FIELD_NAME`: the serializer field whose value a create answers as `Location`.
    public var urlFieldName: String {
        get { box.values.urlFieldName }
        set { change { $0.urlFieldName = newValue } }
    }
    /// Django's `DATA_UPLOAD_MAX_NUMBER_FIELDS`: the most fields a query string, a form or a
    /// multipart body may hold; more is a 400 (`TooManyFieldsSent`) before they are parsed.
    /// nil: no limit (parsing stays linear, but a big body then costs its size in fields).
    public var dataUploadMaxNumberFields: Int? {
        get { box.values.dataUploadMaxNumberFields }
        set { change { $0.dataUploadMaxNumberFields = newValue } }
    }
    /// Django's default for `dataUploadMaxNumberFields`.
    public static let defaultDataUploadMaxNumberFields = 1_000
    /// Django's `ATOMIC_REQUESTS`: the transaction around each unsafe request's view (see
    /// `AtomicRequests`); nil (the default): none.
    public var atomicRequests: (any AtomicRequests)? {
        get { box.values.atomicRequests }
        set { change { $0.atomicRequests = newValue } }
    }
    /// DRF's `DEFAULT_THROTTLE_CLASSES`: the throttles of views that name none (default none:
    /// `checkThrottles` then costs nothing).
    public var throttleClasses: [any Throttle] {
        get { box.values.throttleClasses }
        set { change { $0.throttleClasses = newValue } }
    }
    /// DRF's `DEFAULT_THROTTLE_RATES`: each scope's rate.
    public var throttleRates: ThrottleRates {
        get { box.values.throttleRates }
        set { change { $0.throttleRates = newValue } }
    }
    /// Where rate throttles count (DRF's cache); nil, the default, is refused by the first rate
    /// throttle that runs, with a message naming the stores.
    public var throttleStore: (any ThrottleStore)? {
        get { box.values.throttleStore }
        set { change { $0.throttleStore = newValue } }
    }
    /// DRF's `NUM_PROXIES`: how many proxies in front append to `X-Forwarded-For` (see `ClientIdent`).
    public var numProxies: Int? {
        get { box.values.numProxies }
        set { change { $0.numProxies = newValue } }
    }
    /// DRF's `DEFAULT_VERSIONING_CLASS`: the versioning scheme of views that name none (default
    /// none: `request.version` is nil and determining it costs nothing).
    public var versioningClass: (any Versioning)? {
        get { box.values.versioningClass }
        set { change { $0.versioningClass = newValue } }
    }
    /// DRF's `DEFAULT_VERSION`: the version of a request that names none, for schemes that set none.
    public var defaultVersion: String? {
        get { box.values.defaultVersion }
        set { change { $0.defaultVersion = newValue } }
    }
    /// DRF's `ALLOWED_VERSIONS`: the versions schemes that list none accept (nil: any).
    public var allowedVersions: [String]? {
        get { box.values.allowedVersions }
        set { change { $0.allowedVersions = newValue } }
    }
    /// DRF's `VERSION_PARAM`: the URL kwarg, query or media type parameter holding the version.
    public var versionParam: String {
        get { box.values.versionParam }
        set { change { $0.versionParam = newValue } }
    }
    /// The application's own settings, by typed key (see `SettingsExtensionKey`).
    public var extensions: SettingsExtensions {
        get { box.values.extensions }
        set { change { $0.extensions = newValue } }
    }
    /// DRF's `COERCE_DECIMAL_TO_STRING`: `DecimalField`s without their own `coerceToString`
    /// render text (`"1250.00"`, the default) or, when false, JSON numbers (`1250.0`).
    public var coerceDecimalToString: Bool {
        get { box.values.coerceDecimalToString }
        set { change { $0.coerceDecimalToString = newValue } }
    }
    /// Where unhandled errors are reported instead of the request's `Logger` (nil, the default:
    /// `request.logger` at `error`, which behind api-server is the server's log with the request id).
    public var errorLog: (@Sendable (String) -> Void)? {
        get { box.values.errorLog }
        set { change { $0.errorLog = newValue } }
    }

    private var box: Box

    public init() { box = Box.defaults }

    private mutating func change(_ body: (inout Values) -> Void) {
        var values = box.values
        body(&values)
        box = Box(values)
    }

    /// Immutable (`let`): shared between copies and threads, read without exclusivity checks.
    private final class Box: Sendable {
        let values: Values
        init(_ values: Values) { self.values = values }
        /// Made once: `APISettings()` for every view of every request.
        static let defaults = Box(Values())
    }

    private struct Values: Sendable {
        var authenticationClasses: [any Authentication] = []
        var permissionClasses: [any Permission] = [AllowAny()]
        var parserClasses: [any Parser] = [JSONParser(), FormParser(), MultiPartParser()]
        var rendererClasses: [any Renderer] = [JSONRenderer(), BrowsableAPIRenderer()]
        var metadata: any Metadata = SimpleMetadata()
        var exceptionHandler: @Sendable (any Error, APIView?) -> Response? = defaultExceptionHandler
        var urlFormatOverride: String? = "format"
        var formatSuffixKwarg = "format"
        var nonFieldErrorsKey = "non_field_errors"
        var appendSlash = true
        var allowedHosts = AllowedHosts.localDefault
        var pageSize: Int? = nil
        var paginationClass: PaginatorFactory? = nil
        var filterBackends: [any FilterBackend] = []
        var urlFieldName = "url"
        var dataUploadMaxNumberFields: Int? = APISettings.defaultDataUploadMaxNumberFields
        var atomicRequests: (any AtomicRequests)? = nil
        var throttleClasses: [any Throttle] = []
        var throttleRates = ThrottleRates()
        var throttleStore: (any ThrottleStore)? = nil
        var numProxies: Int? = nil
        var versioningClass: (any Versioning)? = nil
        var defaultVersion: String? = nil
        var allowedVersions: [String]? = nil
        var versionParam = "version"
        var extensions = SettingsExtensions()
        var coerceDecimalToString = true
        var errorLog: (@Sendable (String) -> Void)? = nil
    }
}

/// DRF's `exception_handler`: APIExceptions become their status, body and headers, and so do
/// errors that describe their own (`APIExceptionConvertible`: a database outage is a 503);
/// anything else is unhandled (nil).
public func defaultExceptionHandler(_ error: any Error, _ view: APIView?) -> Response? {
    let exception: any APIException
    if let apiException = error as? any APIException {
        exception = apiException
    } else if let convertible = error as? any APIExceptionConvertible, let converted = convertible.apiException {
        exception = converted
    } else {
        return nil
    }
    return Response(exception.responseData, status: exception.statusCode, headers: exception.headers)
}
