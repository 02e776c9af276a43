#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import RESTFramework

/// The SQL types a column can have; the compiler coerces query values to them and sends
/// parameters typed accordingly.
public enum ColumnType: Sendable, Hashable {
    /// `smallint`, `integer`, `bigint`, `bigserial` (sent as int8).
    case int
    /// `text`, `varchar(n)`.
    case text
    case bool
    /// `double precision`.
    case double
    case timestamptz
    /// `smallint` (`Int16`; parameters go as int8, which compares with it).
    case smallint
    /// `real` (`Float`; parameters go as float4, so `= 1.1` compares in single precision).
    case real
    /// `numeric` (`DecimalNumber`).
    case numeric
    case uuid
    /// `date` (`CalendarDate`).
    case date
    /// `time` (`TimeOfDay`).
    case time
    /// `interval` (`CalendarDuration`).
    case interval
    /// `json`, `jsonb` (`JSON`): compared as jsonb.
    case json, jsonb
    /// `bytea` (`[UInt8]`).
    case bytea
    /// `text[]` (`[String]`, `[String?]`).
    case textArray
    /// `smallint[]`, `integer[]`, `bigint[]` (`[Int16]`, `[Int32]`, `[Int64]`, optional elements too).
    case smallintArray, integerArray, bigintArray

    /// `value` (a query string's text, say) as a value of this column type, the way the SQL
    /// compiler coerces every lookup's value (Django's `get_prep_value`); throws
    /// `QueryValueError.cannotCoerce` ("Field 'budget' expected a decimal number but got 'x'."),
    /// which a filter backend turns into its 400.
    ///
    ///     try ColumnType.numeric.coerce(.string("1250.50"), field: "budget")   // .decimal(1250.50)
    ///     try ColumnType.date.coerce(.string("2024-02-30"), field: "due")       // throws
    ///
    /// `value.coerced(like: sample, field: field)`, without the call for the common cases whose
    /// result is known: a value already of this kind is its own coercion, and plain ASCII digits
    /// into an integer column are the integer (what `IntegerText` makes of them).
    public func coerce(_ value: FieldValue, field: String) throws -> FieldValue {
        switch (self, value) {
        case (.int, .int), (.int, .double), (.text, .string), (.bool, .bool), (.double, .double), (.double, .int),
            (.timestamptz, .dateTime), (_, .null), (.smallint, .int), (.numeric, .decimal), (.uuid, .uuid), (.date, .date),
            (.time, .time), (.interval, .duration), (.json, .jsonValue), (.jsonb, .jsonValue), (.bytea, .bytes):
            return value
        case (.real, _):
            // Rounded to single precision as the float4 parameter will be, shortest text first
            // (what a `real` column's value reads as).
            switch try value.coerced(like: .double(0), field: field) {
            case .double(let d): return .double(Float(d).columnDouble)
            case .int(let i): return .double(Float(i).columnDouble)
            case let other: return other
            }
        case (.int, .string(let text)):
            if let number = Self.plainDecimal(text) { return .int(number) }
        default:
            break
        }
        return try value.coerced(like: sample, field: field)
    }

    /// 1 to 18 ASCII digits as their value (no overflow possible); nil for anything else.
    private static func plainDecimal(_ text: String) -> Int64? {
        var text = text
        return text.withUTF8 { bytes -> Int64? in
            guard !bytes.isEmpty, bytes.count <= 18 else { return nil }
            var number: Int64 = 0
            for byte in bytes {
                let digit = byte &- UInt8(ascii: "0")
                guard digit < 10 else { return nil }
                number = number * 10 + Int64(digit)
            }
            return number
        }
    }

    /// The array column types (no `in` lookup on them).
    static let arrayTypes: Set<ColumnType> = [.textArray, .smallintArray, .integerArray, .bigintArray]

    /// A value of this type, for `FieldValue.coerced(like:field:)`.
    var sample: FieldValue {
        switch self {
        case .int: return .int(0)
        case .text: return .string("")
        case .bool: return .bool(false)
        case .double: return .double(0)
        case .timestamptz: return .dateTime(DateTime(microsecondsSinceEpoch: 0))
        case .smallint: return .int(0)
        case .real: return .double(0)
        case .numeric: return .decimal(DecimalNumber(0))
        case .uuid: return .uuid(UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)))
        case .date: return .date(CalendarDate(daysSinceEpoch: 0))
        case .time: return .time(TimeOfDay(microsecondsSinceMidnight: 0)!)
        case .interval: return .duration(CalendarDuration())
        case .json, .jsonb: return .jsonValue(.null)
        case .bytea: return .bytes([])
        case .textArray: return .list([.string("")])
        case .smallintArray, .integerArray, .bigintArray: return .list([.int(0)])
        }
    }
}

/// One column of a model: its name in the table, its type and nullability (taken from the key
/// path's Swift type), an optional foreign key target, and how to read it from an instance.
///
///     Column("id", \User.id)                                     // bigint, NOT NULL
///     Column("last_login", \User.lastLogin)                      // timestamptz, NULL (DateTime?)
///     Column("owner_id", \Account.ownerID, references: "users")  // foreign key by id
///     Column<Note>.annotation("author", \.author, sql: "(SELECT username FROM users WHERE users.id = notes.author_id)")
///
/// An annotation is a read-only SQL expression selected with the row (Django's `annotate`):
/// filterable and orderable like a column, never written. Its SQL is the model author's static
/// text; request data only ever reaches SQL as bound parameters.
public struct Column<M: Model>: Sendable {
    public let name: String
    public let type: ColumnType
    public let isNullable: Bool
    /// The table a foreign key points to (documentation, and `owner` → `owner_id` in serializers).
    public let references: String?
    /// The SQL of an annotation; nil for a stored column.
    public let expression: String?
    /// The allowed values and their display names when the property is a `ColumnEnum` (in its
    /// declaration order); nil otherwise. What `ChoiceField`, OPTIONS' `choices` and the filter
    /// backend's "Select a valid choice." read.
    public let choices: [Choice]?
    /// Whether the queryset's `annotate` fills it (`annotated(_:_:)`); `expression` is then
    /// what it reads when the query does not.
    public let isPerQueryAnnotation: Bool
    /// What Django says beyond the type (`max_length`, `unique`, `default`, `blank`, ...), for
    /// `ModelSerializer`'s fields (`ColumnOptions`).
    public let options: ColumnOptions
    /// Reads the column from a pointer to an instance of `M`. Not generic over `M` so that
    /// `ModelLayout` can keep the readers of every model's columns without the model type; the
    /// public initializers are `@inlinable` so that the reader is compiled for the model's
    /// concrete property type where the model declares its columns: a stored property is then
    /// read at its offset (a load and the `FieldValue` case), not through the runtime's key path
    /// machinery (`swift_getAtKeyPath`, dear on every field read).
    @usableFromInline let reader: @Sendable (UnsafeRawPointer) -> FieldValue
    /// The column as SQL: `"notes"."title"`, or the annotation's expression in parentheses.
    /// Worked out once here (columns live in the model's `static let`), not per statement: the
    /// query compiler reads it for every column of every statement it builds.
    let sql: String

    @inlinable
    public init<V: ColumnValue>(
        _ name: String, _ keyPath: KeyPath<M, V> & Sendable, references: String? = nil, _ options: ColumnOption...
    ) {
        self.init(
            name: name, type: V.columnType, isNullable: V.isNullable, references: references, expression: nil,
            reader: Self.reader(keyPath), choices: V.choices,
            options: ColumnOptions(options, integerRange: ColumnOptions.integerRange(of: V.self)))
    }

    @usableFromInline
    init(
        name: String, type: ColumnType, isNullable: Bool, references: String?, expression: String?,
        reader: @escaping @Sendable (UnsafeRawPointer) -> FieldValue, choices: [Choice]? = nil,
        isPerQueryAnnotation: Bool = false, options: ColumnOptions = ColumnOptions()
    ) {
        self.options = options
        self.name = name
        self.type = type
        self.isNullable = isNullable
        self.references = references
        self.expression = expression
        self.isPerQueryAnnotation = isPerQueryAnnotation
        self.reader = reader
        self.choices = choices
        sql = Self.sql(name: name, expression: expression)
    }

    /// A read-only column computed by `sql` (a scalar subquery or an expression over the
    /// model's table), selected in the same statement as the row.
    @inlinable
    public static func annotation<V: ColumnValue>(
        _ name: String, _ keyPath: KeyPath<M, V> & Sendable,
        sql: String
    ) -> Column {
        Column(
            name: name, type: V.columnType, isNullable: V.isNullable, references: nil, expression: sql,
            reader: reader(keyPath), choices: V.choices)
    }

    /// The reader of `keyPath`: a load at the property's offset when it is a stored property of
    /// a struct (what `MemoryLayout.offset(of:)` is for), else the key path.
    @inlinable
    static func reader<V: ColumnValue>(_ keyPath: KeyPath<M, V> & Sendable) -> @Sendable (UnsafeRawPointer) -> FieldValue {
        if let offset = MemoryLayout<M>.offset(of: keyPath) {
            return { $0.advanced(by: offset).assumingMemoryBound(to: V.self).pointee.fieldValue }
        }
        return { $0.assumingMemoryBound(to: M.self).pointee[keyPath: keyPath].fieldValue }
    }

    /// Whether INSERT and UPDATE may write it.
    public var isWritable: Bool { expression == nil }

    private static func sql(name: String, expression: String?) -> String {
        if let expression { return "(" + expression + ")" }
        return SQL.identifier(M.tableName) + "." + SQL.identifier(name)
    }
}
