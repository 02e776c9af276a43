/// Typed per-request storage for what other modules attach to a request (the worker's database
/// connection, say) without the core knowing their types. Each key names its value's type.
///
///     enum DatabaseKey: RequestExtensionKey { typealias Value = Connection }
///     request.extensions[DatabaseKey.self] = connection
///     let connection = request.extensions[DatabaseKey.self]   // Connection?
public protocol RequestExtensionKey {
    associatedtype Value
}

public struct RequestExtensions {
    private var storage: [ObjectIdentifier: Any] = [:]
    public init() {}

    public subscript<Key: RequestExtensionKey>(key: Key.Type) -> Key.Value? {
        get { storage[ObjectIdentifier(key)] as? Key.Value }
        set { storage[ObjectIdentifier(key)] = newValue }
    }
}
