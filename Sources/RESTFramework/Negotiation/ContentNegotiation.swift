/// DRF's `DefaultContentNegotiation.select_renderer`: picks the renderer and the media type it
/// answers with.
///
/// 1. A format (the URL suffix, else `?format=`) keeps only the renderers of that format; none
///    left is a 404 `Not found.`.
/// 2. The Accept entries (`*/*` when the header is absent) are tried from the most specific
///    (`type/sub; param`) to the least (`*/*`); `q` values are ignored, as DRF ignores them. For
///    each level, renderers in order, the first that matches an entry wins; none is a 406.
/// 3. The accepted media type keeps the client's parameters: `application/json; indent=4`
///    as sent, or for a wildcard entry the renderer's type plus the entry's parameters
///    (`*/*; indent=2` gives `application/json;indent=2`).
///
/// Within one level DRF iterates a Python set (arbitrary order); here the header's order decides.
///
///     let chosen = try ContentNegotiation.select(request: request, renderers: [JSONRenderer()],
///                                                formatSuffix: nil, overrideParameter: "format")
///     chosen.mediaType   // "application/json; indent=4" for `Accept: application/json; indent=4`
public enum ContentNegotiation {
    public static func select(
        request: Request, renderers: [any Renderer], formatSuffix: String?,
        overrideParameter: String?
    ) throws -> (renderer: any Renderer, mediaType: String) {
        // Python's `format_suffix or query_params.get(...)`: an empty value is no format.
        let suffix = formatSuffix.flatMap { $0.isEmpty ? nil : $0 }
        let format = suffix ?? overrideParameter.flatMap { request.query[$0] }.flatMap { $0.isEmpty ? nil : $0 }
        var candidates = renderers
        if let format {
            candidates = renderers.filter { $0.format == format }
            guard !candidates.isEmpty else { throw NotFound() }
        }

        let acceptHeader = request.headers["Accept"]
        // Most clients send no Accept or `*/*`: the first renderer then wins with its own type,
        // as below, when that type has no parameters and no wildcard (which would need parsing).
        if acceptHeader == nil || acceptHeader == "*/*", let first = candidates.first,
            !first.mediaType.utf8.contains(where: { $0 == UInt8(ascii: ";") || $0 == UInt8(ascii: "*") })
        {
            return (first, first.mediaType)
        }
        let accepts = acceptList(acceptHeader ?? "*/*")
        let rendererTypes = candidates.map { MediaType.parsed($0.mediaType) }
        for precedence in stride(from: 3, through: 0, by: -1) {
            let level = accepts.filter { $0.type.precedence == precedence }
            if level.isEmpty { continue }
            for (renderer, rendererType) in zip(candidates, rendererTypes) {
                for entry in level where rendererType.matches(entry.type) {
                    if rendererType.precedence > entry.type.precedence {
                        // A wildcard was accepted: answer with the renderer's own type.
                        if entry.type.parameters.isEmpty { return (renderer, renderer.mediaType) }
                        let parameters = entry.type.parameters.map { "\($0.name)=\($0.value)" }
                        return (renderer, ([renderer.mediaType] + parameters).joined(separator: ";"))
                    }
                    return (renderer, entry.text)
                }
            }
        }
        throw NotAcceptable()
    }

    /// DRF's `get_accept_list`: the header split on `,`, each entry stripped (empty ones kept:
    /// they match nothing, so `Accept:` with an empty value is a 406, as in DRF).
    /// Parsed `Accept` headers, by text: clients send the same few again and again.
    private static let acceptLists = SnapshotCache<[UInt8], [AcceptEntry]>(limit: 32)
    typealias AcceptEntry = (text: String, type: MediaType)

    static func acceptList(_ header: String) -> [(text: String, type: MediaType)] {
        acceptLists.value(forText: header, make: parseAcceptList)
    }

    static func parseAcceptList(_ header: String) -> [(text: String, type: MediaType)] {
        header.split(separator: ",", omittingEmptySubsequences: false).map { entry in
            let text = HeaderParameters.trim(entry)
            return (text, MediaType(text))
        }
    }
}
