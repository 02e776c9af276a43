import RESTFramework

/// One stored property of a model in its `Fields`: a column (its name, a foreign key's table),
/// an annotation (read-only SQL selected with the row), or a property that is not a column.
///
///     Field("id", \Note.id)                                       // a column
///     Field("author_id", \Note.authorID, references: "users")     // a foreign key by id
///     Field<Note, String>.annotation("author", \.author, sql: "SELECT username FROM users WHERE users.id = notes.author_id")
///     Field(\Post.tags)                                           // a NonColumnValue: not selected
///
/// `M` is not constrained to `Model` here: the model's `fields` is typed from its initializer
/// while the model's conformance is being checked, and a `Model` requirement there is a cycle
/// the compiler gives up on (it then cannot infer `Model.Declaration`).
public struct Field<M, V: StoredValue>: Sendable {
    /// The property, as given: a relation may downcast it to a `WritableKeyPath` to fill it.
    public let keyPath: KeyPath<M, V> & Sendable
    /// The column it reads and writes; nil for a property that is not a column.
    public let column: FieldColumn?

    /// A column of the model's table; `options` are what a `ModelSerializer` derives its field
    /// from (`.maxLength(100)`, `.unique`, `.hasDefault`: see `ColumnOptions`).
    @inlinable
    public init(
        _ name: String, _ keyPath: KeyPath<M, V> & Sendable, references: String? = nil, _ options: ColumnOption...
    ) where V: ColumnValue {
        self.keyPath = keyPath
        column = FieldColumn(
            name: name, type: V.columnType, isNullable: V.isNullable, references: references, expression: nil,
            reader: FieldColumn.reader(keyPath), choices: V.choices,
            options: ColumnOptions(options, integerRange: ColumnOptions.integerRange(of: V.self)))
    }

    /// A property that is not a column (a many-to-many's rows): decoded as `V.notLoaded`.
    public init(_ keyPath: KeyPath<M, V> & Sendable) where V: NonColumnValue {
        self.keyPath = keyPath
        column = nil
    }

    @usableFromInline
    init(keyPath: KeyPath<M, V> & Sendable, column: FieldColumn) {
        self.keyPath = keyPath
        self.column = column
    }

    /// A read-only column computed by `sql` (a scalar subquery or an expression over the model's
    /// table), selected in the same statement as the row; see `Column.annotation`.
    @inlinable
    public static func annotation(_ name: String, _ keyPath: KeyPath<M, V> & Sendable, sql: String) -> Field
    where V: ColumnValue {
        Field(
            keyPath: keyPath,
            column: FieldColumn(
                name: name, type: V.columnType, isNullable: V.isNullable, references: nil, expression: sql,
                reader: FieldColumn.reader(keyPath), choices: V.choices))
    }

    /// A property the queryset's `annotate` fills per query (`Field.annotated("task_count",
    /// \.taskCount)`, 0 unless the query annotates it); see `Column.annotated`.
    @inlinable
    public static func annotated(_ name: String, _ keyPath: KeyPath<M, V> & Sendable) -> Field where V: ColumnValue {
        Field(
            keyPath: keyPath,
            column: FieldColumn(
                name: name, type: V.columnType, isNullable: V.isNullable, references: nil,
                expression: V.columnType.unannotatedSQL(nullable: V.isNullable), reader: FieldColumn.reader(keyPath),
                choices: V.choices, isPerQueryAnnotation: true))
    }
}

/// A field's column, without the model type: what `Column<M>` is made from once the model is
/// known to be a `Model`.
public struct FieldColumn: Sendable {
    public let name: String
    public let type: ColumnType
    public let isNullable: Bool
    public let references: String?
    /// The SQL of an annotation; nil for a stored column.
    public let expression: String?
    @usableFromInline let reader: @Sendable (UnsafeRawPointer) -> FieldValue
    /// As `Column.choices` and `Column.isPerQueryAnnotation`.
    public let choices: [Choice]?
    public let isPerQueryAnnotation: Bool
    /// As `Column.options`.
    public let options: ColumnOptions

    @usableFromInline
    init(
        name: String, type: ColumnType, isNullable: Bool, references: String?, expression: String?,
        reader: @escaping @Sendable (UnsafeRawPointer) -> FieldValue, choices: [Choice]?, isPerQueryAnnotation: Bool = false,
        options: ColumnOptions = ColumnOptions()
    ) {
        self.options = options
        self.choices = choices
        self.isPerQueryAnnotation = isPerQueryAnnotation
        self.name = name
        self.type = type
        self.isNullable = isNullable
        self.references = references
        self.expression = expression
        self.reader = reader
    }

    /// As `Column.reader`: a load at the property's offset for a stored property of a struct.
    @inlinable
    static func reader<M, V: ColumnValue>(_ keyPath: KeyPath<M, V> & Sendable) -> @Sendable (UnsafeRawPointer) -> FieldValue {
        if let offset = MemoryLayout<M>.offset(of: keyPath) {
            return { $0.advanced(by: offset).assumingMemoryBound(to: V.self).pointee.fieldValue }
        }
        return { $0.assumingMemoryBound(to: M.self).pointee[keyPath: keyPath].fieldValue }
    }
}

extension Column {
    init(_ column: FieldColumn) {
        self.init(
            name: column.name, type: column.type, isNullable: column.isNullable, references: column.references,
            expression: column.expression, reader: column.reader, choices: column.choices,
            isPerQueryAnnotation: column.isPerQueryAnnotation, options: column.options)
    }
}
