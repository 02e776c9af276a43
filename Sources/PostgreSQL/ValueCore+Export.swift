// The value types of `numeric`, `date`, `time` and `interval` are ValueCore's, shared with the
// framework (which must not link libpq). Re-exported so that `import PostgreSQL` is enough to use
// them, and so that a file importing both PostgreSQL and RESTFramework sees one type per name.
@_exported import ValueCore

// The names these types had when they lived here, for code written against them.
public typealias PostgresNumeric = DecimalNumber
public typealias PostgresDate = CalendarDate
public typealias PostgresTime = TimeOfDay
public typealias PostgresInterval = CalendarDuration
