/// Turns response data into bytes of one media type: DRF's renderer classes.
public protocol Renderer: Sendable {
    var mediaType: String { get }
    /// The `?format=` / `.suffix` name (`json`).
    var format: String { get }
    var charset: String? { get }
    /// Renders `data`; `acceptedMediaType` carries parameters such as `indent=4`.
    func render(_ data: JSON?, acceptedMediaType: String?, request: Request?) -> [UInt8]
}

extension Renderer {
    public var charset: String? { nil }
}
