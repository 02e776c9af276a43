/// DRF's `reverse(viewname, request=request)` from inside a view: absolute, through the URL conf
/// that routed the request, keeping the request's `?format=`.
///
///     let link = try reverse("user-detail", args: [String(user.id)])   // "http://host/api/users/7/"
extension APIView {
    public func reverse(_ name: String, args: [String] = [], kwargs: [String: String] = [:], format: String? = nil) throws -> String {
        guard let urls else { throw NoReverseMatch(name: name, message: "Reverse for '\(name)' needs a view routed by a URL conf.") }
        return try urls.reverse(
            name, args: args, kwargs: kwargs, request: request, format: format,
            urlFormatOverride: settings.urlFormatOverride)
    }
}
