/// What OPTIONS answers: DRF's metadata classes.
public protocol Metadata: Sendable {
    func determineMetadata(_ request: Request, view: APIView) throws -> JSON
}

/// DRF's `SimpleMetadata`. STUB: `actions` to be completed.
public struct SimpleMetadata: Metadata {
    public init() {}
    public func determineMetadata(_ request: Request, view: APIView) throws -> JSON {
        .object([
            ("name", .string(view.getViewName())),
            ("description", .string(view.getViewDescription())),
            ("renders", .array(view.getRenderers().map { .string($0.mediaType) })),
            ("parses", .array(view.getParsers().map { .string($0.mediaType) })),
        ])
    }
}
