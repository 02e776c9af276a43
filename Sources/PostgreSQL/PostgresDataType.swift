/// A PostgreSQL type OID, as sent with parameters and reported for result columns.
///
/// `pg_type_d.h` is not part of libpq-dev, so the OIDs the client uses are written down here.
///
///     #expect(result.columnType(0) == .timestamptz)
public struct PostgresDataType: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public var rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    /// OID 0: let the server infer the type from the statement.
    public static let unspecified = PostgresDataType(rawValue: 0)
    public static let bool = PostgresDataType(rawValue: 16)
    public static let int8 = PostgresDataType(rawValue: 20)
    public static let int2 = PostgresDataType(rawValue: 21)
    public static let int4 = PostgresDataType(rawValue: 23)
    public static let text = PostgresDataType(rawValue: 25)
    public static let oid = PostgresDataType(rawValue: 26)
    public static let float4 = PostgresDataType(rawValue: 700)
    public static let float8 = PostgresDataType(rawValue: 701)
    public static let bpchar = PostgresDataType(rawValue: 1042)
    public static let varchar = PostgresDataType(rawValue: 1043)
    public static let timestamp = PostgresDataType(rawValue: 1114)
    public static let timestamptz = PostgresDataType(rawValue: 1184)
    public static let numeric = PostgresDataType(rawValue: 1700)
    public static let bytea = PostgresDataType(rawValue: 17)
    public static let json = PostgresDataType(rawValue: 114)
    public static let jsonb = PostgresDataType(rawValue: 3802)
    public static let date = PostgresDataType(rawValue: 1082)
    public static let time = PostgresDataType(rawValue: 1083)
    public static let interval = PostgresDataType(rawValue: 1186)
    public static let uuid = PostgresDataType(rawValue: 2950)
    public static let textArray = PostgresDataType(rawValue: 1009)
    public static let int2Array = PostgresDataType(rawValue: 1005)
    public static let int4Array = PostgresDataType(rawValue: 1007)
    public static let int8Array = PostgresDataType(rawValue: 1016)

    public var description: String {
        switch self {
        case .unspecified: "unspecified"
        case .bool: "boolean"
        case .int8: "bigint"
        case .int2: "smallint"
        case .int4: "integer"
        case .text: "text"
        case .oid: "oid"
        case .float4: "real"
        case .float8: "double precision"
        case .bpchar: "character"
        case .varchar: "character varying"
        case .timestamp: "timestamp"
        case .timestamptz: "timestamp with time zone"
        case .numeric: "numeric"
        case .bytea: "bytea"
        case .json: "json"
        case .jsonb: "jsonb"
        case .date: "date"
        case .time: "time without time zone"
        case .interval: "interval"
        case .uuid: "uuid"
        case .textArray: "text[]"
        case .int2Array: "smallint[]"
        case .int4Array: "integer[]"
        case .int8Array: "bigint[]"
        default: "type oid \(rawValue)"
        }
    }
}
