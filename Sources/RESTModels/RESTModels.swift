// RESTModels: Django's model layer on PostgreSQL, for the framework's generic views.
//
//     struct User: Model {
//         var id: Int64, username: String, lastLogin: DateTime?
//         static let tableName = "users"
//         static let fields = Fields(
//             User.init, Field("id", \.id), Field("username", \.username), Field("last_login", \.lastLogin))
//     }
//
//     final class UserViewSet: ModelViewSet<QuerySet<User>> {
//         override class var queryset: QuerySet<User>? { User.objects.orderBy("id") }   // bound per request
//         override class var serializerClass: Serializer.Type? { UserSerializer.self }  // a ModelSerializer<User>
//     }
//
//     // The server, once per request, on the worker's own connection:
//     request.extensions[DatabaseKey.self] = connection
//
// - Model/: the declaration (table, primary key, `Fields`: typed columns, annotations) and row
//   decoding; `ModelCheck`, the declaration against the table at startup.
// - Query/: `ModelQuery` (a query as data) and its compilation to one parameterized statement.
// - QuerySet/: the lazy queryset: composition, reading, writing.
// - Database/: the request bridge (`DatabaseKey`, `request.database`), statement execution and
//   `QueryCapture`, errors (`ModelError`, `DatabaseUnavailable` and the 503 mapping).
// - Serializers/: `ModelSerializer`, `UniqueValidator`, `ModelRelatedLookup`, unique races.
