import PostgreSQL
import RESTFramework
import RESTModels

extension APIClient {
    /// A client whose requests carry `database` as their connection, as a server's worker
    /// attaches its own: views reach it through `request.database`, querysets bind to it.
    ///
    ///     let client = APIClient(app, database: schema.connection)
    public convenience init(_ app: Application, database: Connection, defaultFormat: RequestFormat = .multipart) {
        self.init(app, defaultFormat: defaultFormat)
        extensions[DatabaseKey.self] = database
    }
}
