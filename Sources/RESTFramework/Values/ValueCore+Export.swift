// `DecimalNumber`, `CalendarDate`, `TimeOfDay` and `CalendarDuration` are ValueCore's, shared with
// the PostgreSQL module. Re-exported so that `import RESTFramework` is all a model or serializer
// needs, and a file importing both modules sees one type per name.
@_exported import ValueCore
