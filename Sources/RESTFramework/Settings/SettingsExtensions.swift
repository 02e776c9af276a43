/// Typed application settings the framework itself does not know: what a Django project puts
/// in its own settings module (`PASSWORD_HASHERS`, a feature flag) next to `REST_FRAMEWORK`.
/// Views read them through `settings`, so one immutable value configures every worker, and two
/// applications in one process (tests) can be configured differently.
///
///     enum PasswordHasherSetting: SettingsExtensionKey { typealias Value = PasswordHasher }
///     settings.extensions[PasswordHasherSetting.self] = PasswordHasher(iterations: 1_000)
///     // in a view:
///     let hasher = settings.extensions[PasswordHasherSetting.self] ?? PasswordHasher()
public protocol SettingsExtensionKey {
    associatedtype Value: Sendable
}

public struct SettingsExtensions: Sendable {
    // Every stored value is a `Key.Value`, which the key protocol requires to be Sendable.
    private var storage: [ObjectIdentifier: any Sendable] = [:]

    public init() {}

    public subscript<Key: SettingsExtensionKey>(key: Key.Type) -> Key.Value? {
        get { storage[ObjectIdentifier(key)] as? Key.Value }
        set { storage[ObjectIdentifier(key)] = newValue }
    }
}
