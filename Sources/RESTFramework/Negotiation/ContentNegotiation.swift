/// DRF's `DefaultContentNegotiation` (renderer side).
/// STUB: to be completed (Accept precedence, `indent=` parameters, 406).
public enum ContentNegotiation {
    public static func select(request: Request, renderers: [any Renderer], formatSuffix: String?,
                              overrideParameter: String?) throws -> (renderer: any Renderer, mediaType: String) {
        let format = formatSuffix ?? overrideParameter.flatMap { request.query[$0] }
        var candidates = renderers
        if let format {
            candidates = renderers.filter { $0.format == format }
            guard !candidates.isEmpty else { throw NotFound() }
        }
        guard let first = candidates.first else { throw NotAcceptable() }
        return (first, first.mediaType)
    }
}
