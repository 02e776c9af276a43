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
    // A request carries one or two extensions: a scanned array costs less to fill and read than
    // a dictionary (which allocated its storage and hashed for every request).
    private var storage: [(key: ObjectIdentifier, value: Any)] = []
    public init() {}

    public subscript<Key: RequestExtensionKey>(key: Key.Type) -> Key.Value? {
        get {
            let id = ObjectIdentifier(key)
            for entry in storage where entry.key == id { return entry.value as? Key.Value }
            return nil
        }
        set {
            let id = ObjectIdentifier(key)
            if let index = storage.firstIndex(where: { $0.key == id }) {
                if let newValue { storage[index].value = newValue } else { storage.remove(at: index) }
            } else if let newValue {
                storage.append((key: id, value: newValue))
            }
        }
    }

    /// Adds `other`'s values, which win over values of the same key (a test client's
    /// extensions over a request's own).
    package mutating func merge(_ other: RequestExtensions) {
        for entry in other.storage {
            if let index = storage.firstIndex(where: { $0.key == entry.key }) {
                storage[index].value = entry.value
            } else {
                storage.append(entry)
            }
        }
    }
}
