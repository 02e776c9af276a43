import PostgreSQL
import RESTFramework

/// The right-hand side of an update that reads the row itself: Django's `F("views")`,
/// `F("views") + 1`, `F("score") - 0.5`, `F("budget") + 10.50` on a numeric column, an interval
/// added to an interval, date, time or timestamp (`F("due") + .duration(CalendarDuration(months: 1))`).
/// Compiled to a column reference and a bound parameter, so concurrent updates add to the stored
/// value rather than overwrite it.
///
///     try Article.objects(on: request).filter(.field("id", .exact(7))).update(["views": F("views") + 1])
public struct FieldExpression: Sendable, Hashable {
    enum Operation: Sendable, Hashable { case add, subtract }
    let source: F
    let operation: Operation?
    let operand: FieldValue

    /// The other field's value as it is (`update(["copy": FieldExpression(F("original"))])`).
    public init(_ source: F) { self.init(source, nil, .null) }

    init(_ source: F, _ operation: Operation?, _ operand: FieldValue) {
        self.source = source
        self.operation = operation
        self.operand = operand
    }
}

extension F {
    public static func + (field: F, value: FieldValue) -> FieldExpression { FieldExpression(field, .add, value) }
    public static func - (field: F, value: FieldValue) -> FieldExpression { FieldExpression(field, .subtract, value) }
}

extension QuerySet {
    /// Django's `update(views=F("views") + 1)`: sets each column from an expression over the
    /// row; the number of rows updated. Unknown fields (either side) are a `FieldError`;
    /// arithmetic reads and writes one column type (NULL stays NULL, as in SQL): a number plus
    /// a number of that type, an interval plus an interval, a date, time or timestamp plus an
    /// interval (`date + interval` is a timestamp in PostgreSQL, written back as its date).
    public func update(_ expressions: [String: FieldExpression]) throws -> Int {
        let layout = ModelLayout.of(M.self)
        var byIndex: [(index: Int, source: Int, expression: FieldExpression)] = []
        for (key, expression) in expressions {
            let index = try Self.writableColumnIndex(key, in: layout)
            guard let source = layout.index(ofField: expression.source.field) else {
                throw layout.unknownField(expression.source.field)
            }
            let type = layout.columns[index].type
            if expression.operation != nil {
                guard Self.arithmeticOperandType(type) != nil, layout.columns[source].type == type else {
                    throw QueryValueError.unsupported(
                        "arithmetic on '\(key)' from F(\"\(expression.source.field)\") (one column type: numbers, "
                            + "or an interval added to an interval, date, time or timestamp)")
                }
            } else if layout.columns[source].type != type {
                throw QueryValueError.unsupported("setting '\(key)' from F(\"\(expression.source.field)\"), a column of another type")
            }
            byIndex.append((index, source, expression))
        }
        guard !byIndex.isEmpty else { return try count() }
        // Column order, not the dictionary's: the statement's text depends on the columns only.
        byIndex.sort { $0.index < $1.index }
        var operands: [(value: FieldValue, type: ColumnType)] = []
        for entry in byIndex where entry.expression.operation != nil {
            guard !entry.expression.operand.isNull else { throw QueryValueError.unsupported("None in an F() expression") }
            let column = layout.columns[entry.index]
            let type = Self.arithmeticOperandType(column.type) ?? column.type
            // A number is coerced as a write to its column would be; an interval as an interval.
            let value =
                type == column.type
                ? try Self.coerceForWrite(entry.expression.operand, column)
                : try type.coerce(entry.expression.operand, field: column.name)
            operands.append((value, type))
        }
        if let error = query.compositionError { throw error }
        guard !query.isSliced else { throw ModelError.unsupported("Cannot update a query once a slice has been taken.") }
        let predicates = query.predicates
        let annotations = query.annotations
        let statement = try SQLBuilder.statement { sql in
            sql.annotations = try AnnotationScope.make(annotations, over: layout)
            sql.append("UPDATE ")
            sql.append(.table, of: layout)
            sql.append(" SET ")
            var operand = 0
            for (position, entry) in byIndex.enumerated() {
                if position > 0 { sql.append(", ") }
                sql.append(.quotedName, of: layout, column: entry.index)
                sql.append(" = ")
                sql.append(.columnSQL, of: layout, column: entry.source)
                guard let operation = entry.expression.operation else { continue }
                sql.append(operation == .add ? " + " : " - ")
                sql.bind(SQLParameter.make(operands[operand].value, as: operands[operand].type))
                operand += 1
            }
            try QueryCompiler<M>.whereClause(predicates, in: layout, into: &sql)
        }
        return try StatementRunner.query(statement, on: requirePrimary()).rowsAffected
    }

    /// The type of `x` in `column ± x` where PostgreSQL has the operator and its result assigns
    /// back to the column; nil for the types without arithmetic (text, booleans, UUIDs, JSON,
    /// bytea, arrays).
    static func arithmeticOperandType(_ column: ColumnType) -> ColumnType? {
        switch column {
        case .int, .smallint, .double, .real, .numeric, .interval: return column
        case .date, .time, .timestamptz: return .interval
        default: return nil
        }
    }
}
