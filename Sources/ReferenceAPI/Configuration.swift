import Foundation
import RESTFramework

/// What the reference API takes from its environment: the PBKDF2 iteration count new password
/// hashes are written with (`SRF_PASSWORD_ITERATIONS`, default Django 5.2's 1,000,000; existing
/// hashes are always verified with the count they carry), and how the page-number lists count
/// their rows (`SRF_PAGINATION_COUNT`: `exact`, DRF's behaviour and the default; `estimated`,
/// planner statistics for large tables; `none`, no count at all), and Django's
/// `DATA_UPLOAD_MAX_NUMBER_FIELDS` (`SRF_DATA_UPLOAD_MAX_NUMBER_FIELDS`: a whole number, default
/// 1,000, or `none` for no limit), the throttle rates (`REFERENCE_THROTTLE_RATES`, unset: none),
/// and Django's `SECRET_KEY` (`SRF_SECRET_KEY`: signs session cookies; the default is for tests
/// and development only, and says so).
///
///     let app = try ReferenceAPI.application(configuration: .fromEnvironment())
///     let fast = ReferenceConfiguration(passwordIterations: 1_000)   // tests
public struct ReferenceConfiguration: Sendable {
    /// The environment variable `fromEnvironment` reads.
    public static let passwordIterationsVariable = "SRF_PASSWORD_ITERATIONS"

    public static let paginationCountVariable = "SRF_PAGINATION_COUNT"

    public static let dataUploadMaxNumberFieldsVariable = "SRF_DATA_UPLOAD_MAX_NUMBER_FIELDS"

    /// The spec's `REFERENCE_THROTTLE_RATES`: `scope=rate` pairs (`anon=100/min,user=1000/min,login=5/min`).
    public static let throttleRatesVariable = "REFERENCE_THROTTLE_RATES"

    public static let secretKeyVariable = "SRF_SECRET_KEY"
    /// The secret key when `SRF_SECRET_KEY` is unset: public, so only for tests and development.
    public static let developmentSecretKey = "srf-insecure-development-key-set-SRF_SECRET_KEY-in-production"

    public var passwordIterations: Int
    /// The count strategy of the default (page-number) paginator.
    public var paginationCount: CountStrategy
    /// The most fields a query string, form or multipart body may hold (nil: no limit).
    public var dataUploadMaxNumberFields: Int?
    /// The throttle rates by scope (`anon`, `user`, `login`); empty, the default: no throttling.
    public var throttleRates: ThrottleRates
    /// Django's `SECRET_KEY`: signs the session cookies and the sessions' password hashes.
    public var secretKey: String

    public init(
        passwordIterations: Int = PasswordHasher.defaultIterations, paginationCount: CountStrategy = .exact,
        dataUploadMaxNumberFields: Int? = APISettings.defaultDataUploadMaxNumberFields,
        throttleRates: ThrottleRates = ThrottleRates(),
        secretKey: String = ReferenceConfiguration.developmentSecretKey
    ) {
        self.secretKey = secretKey
        self.passwordIterations = passwordIterations
        self.paginationCount = paginationCount
        self.dataUploadMaxNumberFields = dataUploadMaxNumberFields
        self.throttleRates = throttleRates
    }

    /// Reads the variables above (unset or empty: the default); a value that does not fit is
    /// refused with a message that names the variable.
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) throws
        -> ReferenceConfiguration
    {
        var configuration = ReferenceConfiguration()
        if let text = environment[passwordIterationsVariable], !text.isEmpty {
            guard let iterations = Int(text), iterations > 0, iterations <= Int(Int32.max) else {
                throw ConfigurationError(
                    "\(passwordIterationsVariable)=\(text): give a whole number of PBKDF2 iterations "
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
                throw ConfigurationError(
                    "\(paginationCountVariable)=\(text): use exact (the default, DRF's behaviour), "
                        + "estimated or none.")
            }
        }
        if let text = environment[dataUploadMaxNumberFieldsVariable], !text.isEmpty {
            if text == "none" {
                configuration.dataUploadMaxNumberFields = nil
            } else {
                guard let limit = Int(text), limit >= 0 else {
                    throw ConfigurationError(
                        "\(dataUploadMaxNumberFieldsVariable)=\(text): give the most fields a request may "
                            + "send as a whole number (Django's default is \(APISettings.defaultDataUploadMaxNumberFields)), "
                            + "or none for no limit.")
                }
                configuration.dataUploadMaxNumberFields = limit
            }
        }
        if let text = environment[throttleRatesVariable], !text.isEmpty {
            do {
                configuration.throttleRates = try ThrottleRates(parsing: text)
            } catch {
                throw ConfigurationError("\(throttleRatesVariable)=\(text): \(error.message)")
            }
        }
        if let text = environment[secretKeyVariable], !text.isEmpty {
            configuration.secretKey = text
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
