import PostgreSQL
import RESTModels

extension TemporarySchema {
    /// Fails (throws, naming every difference) when a model disagrees with its table in this
    /// schema: `ModelCheck`, as the server runs it at startup, in the application's tests.
    ///
    ///     let schema = try TemporarySchema(url: databaseURL, migrations: "migrations")
    ///     try schema.assertModelsMatch([Note.self])
    public func assertModelsMatch(_ models: [any Model.Type]) throws {
        if let report = try ModelCheck.report(of: models, on: connection) { throw ModelMismatch(report: report) }
    }
}

/// The models differ from the database; `report` names each difference.
public struct ModelMismatch: Error, CustomStringConvertible {
    public let report: String
    public var description: String { report }
}
