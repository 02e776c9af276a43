#if canImport(Glibc)
import Glibc
#endif

/// The application's defaults: DRF's `REST_FRAMEWORK` setting, as an immutable value shared by
/// every worker.
///
///     var settings = APISettings()
///     settings.authenticationClasses = [TokenAuthentication(store: tokens), BasicAuthentication(store: users)]
///     settings.permissionClasses = [IsAuthenticated()]
public struct APISettings: Sendable {
    public var authenticationClasses: [any Authentication] = []
    /// DRF's default is AllowAny.
    public var permissionClasses: [any Permission] = [AllowAny()]
    public var parserClasses: [any Parser] = [JSONParser(), FormParser(), MultiPartParser()]
    public var rendererClasses: [any Renderer] = [JSONRenderer()]
    public var metadata: any Metadata = SimpleMetadata()
    /// Turns exceptions into responses; nil from it means "unhandled": a 500.
    public var exceptionHandler: @Sendable (any Error, APIView?) -> Response? = defaultExceptionHandler
    /// DRF's `URL_FORMAT_OVERRIDE`: the query parameter that forces a format.
    public var urlFormatOverride: String? = "format"
    /// DRF's `FORMAT_SUFFIX_KWARG`.
    public var formatSuffixKwarg = "format"
    /// DRF's `NON_FIELD_ERRORS_KEY`.
    public var nonFieldErrorsKey = "non_field_errors"
    /// Django's `APPEND_SLASH`: redirect a path that lacks only its trailing slash.
    public var appendSlash = true
    /// DRF's `PAGE_SIZE`: the page size of paginators that set none (nil: pagination off).
    public var pageSize: Int? = nil
    /// DRF's `DEFAULT_PAGINATION_CLASS`: the paginator of views that name none (nil: none).
    public var paginationClass: PaginatorFactory? = nil
    /// DRF's `DEFAULT_FILTER_BACKENDS`: the filter backends of generic views that name none.
    public var filterBackends: [any FilterBackend] = []
    /// DRF's `URL_FIELD_NAME`: the serializer field whose value a create answers as `Location`.
    public var urlFieldName = "url"
    /// The application's own settings, by typed key (see `SettingsExtensionKey`).
    public var extensions = SettingsExtensions()
    /// Where unhandled errors are reported (stderr by default).
    public var errorLog: @Sendable (String) -> Void = { message in
        let line = Array((message + "\n").utf8)
        line.withUnsafeBytes { _ = write(2, $0.baseAddress, $0.count) }
    }

    public init() {}
}

/// DRF's `exception_handler`: APIExceptions become their status, body and headers; anything
/// else is unhandled (nil).
public func defaultExceptionHandler(_ error: any Error, _ view: APIView?) -> Response? {
    guard let exception = error as? any APIException else { return nil }
    return Response(exception.responseData, status: exception.statusCode, headers: exception.headers)
}
