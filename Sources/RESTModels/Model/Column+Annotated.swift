import RESTFramework

extension Column {
    /// A property the queryset's `annotate` fills per query (Django's
    /// `annotate(task_count=Count(...))` read as `project.task_count`): read-only, filterable and
    /// orderable by its name like a column once the query annotates it. A Swift model cannot grow
    /// a property per query, so it declares the slot once, with its type; a query that does not
    /// annotate it reads the type's zero (`0`, `0.0`, `""`, `false`), or nil for an Optional
    /// (declare types without a zero, such as `DateTime`, Optional).
    ///
    ///     .annotated("task_count", \.taskCount),   // var taskCount: Int64, 0 unless the query annotates it
    ///
    ///     Project.objects.annotate(["task_count": Count("id", from: Task.objects, on: "project_id")])
    @inlinable
    public static func annotated<V: ColumnValue>(_ name: String, _ keyPath: KeyPath<M, V> & Sendable) -> Column {
        Column(
            name: name, type: V.columnType, isNullable: V.isNullable, references: nil,
            expression: V.columnType.unannotatedSQL(nullable: V.isNullable), reader: reader(keyPath),
            isPerQueryAnnotation: true)
    }
}

extension ColumnType {
    /// What an annotation slot of this type reads when the query does not annotate it: the
    /// type's zero, or a typed NULL.
    @usableFromInline
    func unannotatedSQL(nullable: Bool) -> String {
        switch self {
        case .int: return nullable ? "NULL::int8" : "0::int8"
        case .double: return nullable ? "NULL::float8" : "0::float8"
        case .text: return nullable ? "NULL::text" : "''::text"
        case .bool: return nullable ? "NULL::bool" : "false"
        // No zero: a non-Optional property fails to decode, naming the column.
        case .smallint: return nullable ? "NULL::int2" : "0::int2"
        case .real: return nullable ? "NULL::float4" : "0::float4"
        case .numeric: return nullable ? "NULL::numeric" : "0::numeric"
        case .interval: return nullable ? "NULL::interval" : "'0'::interval"
        case .json: return nullable ? "NULL::json" : "'null'::json"
        case .jsonb: return nullable ? "NULL::jsonb" : "'null'::jsonb"
        case .bytea: return nullable ? "NULL::bytea" : "''::bytea"
        case .textArray: return nullable ? "NULL::text[]" : "'{}'::text[]"
        case .smallintArray: return nullable ? "NULL::int2[]" : "'{}'::int2[]"
        case .integerArray: return nullable ? "NULL::int4[]" : "'{}'::int4[]"
        case .bigintArray: return nullable ? "NULL::int8[]" : "'{}'::int8[]"
        // No zero: a non-Optional property fails to decode, naming the column.
        case .timestamptz: return "NULL::timestamptz"
        case .uuid: return "NULL::uuid"
        case .date: return "NULL::date"
        case .time: return "NULL::time"
        }
    }
}
