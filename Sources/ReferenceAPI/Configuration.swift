import Foundation
import RESTFramework

/// What the reference API takes from its environment: the PBKDF2 iteration count new password
/// hashes are written with (`SRF_PASSWORD_ITERATIONS`, default Django 5.2's 1,000,000; existing
/// hashes are always verified with the count they carry), and how the page-number lists count
/// their rows (`SRF_PAGINATION_COUNT`: `exact`, DRF's behaviour and the default; `estimated`,
/// planner statistics for large tables; `none`, no count at all).
///
///     let app = try ReferenceAPI.application(configuration: .fromEnvironment())
///     let fast = ReferenceConfiguration(passwordIterations: 1_000)   // tests
public struct ReferenceConfiguration: Sendable {
    /// The environment variable `fromEnvironment` reads.
    public static let passwordIterationsVariable = "SRF_PASSWORD_ITERATIONS"

    public static let paginationCountVariable = "SRF_PAGINATION_COUNT"

    public var passwordIterations: Int
    /// The count strategy of the default (page-number) paginator.
    public var paginationCount: CountStrategy

    public init(passwordIterations: Int = PasswordHasher.defaultIterations, paginationCount: CountStrategy = .exact) {
        self.passwordIterations = passwordIterations
        self.paginationCount = paginationCount
    }

    /// Reads `SRF_PASSWORD_ITERATIONS` (unset or empty: the default); anything but a positive
    /// 32-bit integer is refused with a message that names the variable.
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) throws
        -> ReferenceConfiguration {
        var configuration = ReferenceConfiguration()
        if let text = environment[passwordIterationsVariable], !text.isEmpty {
            guard let iterations = Int(text), iterations > 0, iterations <= Int(Int32.max) else {
                throw ConfigurationError("\(passwordIterationsVariable)=\(text): give a whole number of PBKDF2 iterations "
                                         + "between 1 and \(Int32.max) (Django 5.2 uses \(PasswordHasher.defaultIterations)).")
            }
            configuration.passwordIterations = iterations
        }
        if let text = environment[paginationCountVariable], !text.isEmpty {
            switch text {
            case "exact": configuration.paginationCount = .exact
            case "estimated": configuration.paginationCount = .estimated
            case "none": configuration.paginationCount = .none
            default:
                throw ConfigurationError("\(paginationCountVariable)=\(text): use exact (the default, DRF's behaviour), "
                                         + "estimated or none.")
            }
        }
        return configuration
    }

    public var passwordHasher: PasswordHasher { PasswordHasher(iterations: passwordIterations) }
}

/// A configuration value the application cannot start with; the message says the fix.
public struct ConfigurationError: Error, Sendable, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// Django's `PASSWORD_HASHERS`, as an application setting the views read.
enum PasswordHasherSetting: SettingsExtensionKey {
    typealias Value = PasswordHasher
}

extension APISettings {
    /// The hasher new passwords are written with.
    var passwordHasher: PasswordHasher { extensions[PasswordHasherSetting.self] ?? PasswordHasher() }
}
