/// DRF's `JSONRenderer`: compact UTF-8 JSON, or indented when the Accept header asks `indent=N`.
public struct JSONRenderer: Renderer {
    public init() {}
    public var mediaType: String { "application/json" }
    public var format: String { "json" }

    public func render(_ data: JSON?, acceptedMediaType: String?, request: Request?) -> [UInt8] {
        guard let data else { return [] }
        return JSONWriter.render(data, indent: nil)  // STUB: indent from acceptedMediaType
    }
}
