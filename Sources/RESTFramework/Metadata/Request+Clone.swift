extension Request {
    /// DRF's `clone_request`: the same request (user, negotiation, URL kwargs, extensions)
    /// under another method, so OPTIONS can run the permission checks of a POST or PUT.
    func cloned(method: HTTPMethod) -> Request {
        let clone = Request(
            method: method, path: path, queryString: queryString, headers: headers, body: body,
            scheme: scheme, host: host, remoteAddress: remoteAddress)
        clone.user = user
        clone.auth = auth
        clone.successfulAuthenticator = successfulAuthenticator
        clone.forcedAuthentication = forcedAuthentication
        clone.urlKwargs = urlKwargs
        clone.format = format
        clone.acceptedRenderer = acceptedRenderer
        clone.acceptedMediaType = acceptedMediaType
        clone.parsers = parsers
        clone.dataUploadMaxNumberFields = dataUploadMaxNumberFields
        clone.extensions = extensions
        return clone
    }
}
