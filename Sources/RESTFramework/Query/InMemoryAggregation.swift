/// How `InMemoryQuerySet` computes aggregates: the reference the SQL compiler is held to.
///
/// - NULLs are skipped (`Count("n")` counts the non-NULL values; `Count("*")` every row).
/// - Over no values: Count is 0, the others NULL, or their `default`.
/// - Sum of integers is an integer (beyond 64 bits an error, as PostgreSQL's `bigint out of
///   range`), of doubles a double; Avg is a double; of decimals both are exact decimals, digit
///   for digit PostgreSQL's (`DecimalAggregation`); Min and Max keep the values' type, text
///   ordered by code point (PostgreSQL's `C` collation). Sum and Avg of text, booleans or
///   timestamps, and Min or Max of booleans, are unsupported (PostgreSQL has no such aggregate).
///
///     try InMemoryAggregation.value(Sum("n", filter: .field("flag", .exact(true))).aggregate, over: rows, samples: rows)
enum InMemoryAggregation {
    /// `aggregate` over `rows`; `samples` (the queryset's rows, unfiltered) show the field's
    /// type when the result is a default.
    static func value<Row: FieldReadable>(_ aggregate: Aggregate, over rows: [Row], samples: [Row]) throws -> FieldValue {
        guard aggregate.rows == nil else {
            throw QueryValueError.unsupported("an aggregate over correlated rows in memory")
        }
        var matching: [Row] = []
        for row in rows where try aggregate.filter.map({ try InMemoryEvaluation.matches(row, $0) }) ?? true {
            matching.append(row)
        }
        let field = aggregate.field
        if field == "*" {
            guard aggregate.function == .count else { throw QueryValueError.unsupported("\(aggregate.function.rawValue)(\"*\")") }
            return .int(Int64(matching.count))
        }
        var values: [FieldValue] = []
        for row in matching {
            guard let value = row.fieldValue(field) else { throw FieldError(Row.self, field: field) }
            if !value.isNull { values.append(value) }
        }
        if aggregate.distinct {
            var seen = Set<FieldValue>()
            values = values.filter { seen.insert($0).inserted }
        }
        if aggregate.function == .count { return .int(Int64(values.count)) }
        let result = try compute(aggregate.function, values, field: field)
        guard result.isNull, let defaultValue = aggregate.defaultValue else { return result }
        // The default takes the result's type, as SQL binds it: any stored value of the field
        // shows the type (Avg's is a double).
        var sample = samples.lazy.compactMap { $0.fieldValue(field) }.first { !$0.isNull }
        if aggregate.function == .avg, case .decimal = sample {
            // Avg of a decimal is a decimal.
        } else if aggregate.function == .avg {
            sample = .double(0)
        }
        return try sample.map { try InMemoryEvaluation.coerce(defaultValue, like: $0, field: field) } ?? defaultValue
    }

    /// Sum, Avg, Min or Max of non-NULL values; NULL when there are none.
    private static func compute(_ function: Aggregate.Function, _ values: [FieldValue], field: String) throws -> FieldValue {
        func unsupported(_ what: String) -> QueryValueError {
            .unsupported("\(function.rawValue) of '\(field)', \(what)")
        }
        switch function {
        case .count:
            return .int(Int64(values.count))
        case .sum, .avg:
            guard !values.isEmpty else { return .null }
            if case .decimal = values[0] {
                // Exact, as PostgreSQL's numeric (`DecimalAggregation`).
                let decimals = try values.map { value -> DecimalNumber in
                    guard case .decimal(let number) = value else { throw unsupported("which is not a number") }
                    return number
                }
                return .decimal(function == .avg ? try DecimalAggregation.average(decimals) : DecimalAggregation.sum(decimals))
            }
            var integers = ExactIntegerSum()
            var doubles = 0.0
            var anyDouble = false
            for value in values {
                switch value {
                case .int(let i): integers.add(i)
                case .double(let d):
                    doubles += d
                    anyDouble = true
                default: throw unsupported("which is not a number")
                }
            }
            if function == .avg {
                return .double((integers.doubleValue + doubles) / Double(values.count))
            }
            if anyDouble { return .double(integers.doubleValue + doubles) }
            guard let exact = integers.exactValue else { throw unsupported("beyond 64 bits") }
            return .int(exact)
        case .min, .max:
            guard var best = values.first else { return .null }
            if case .bool = best { throw unsupported("a boolean") }
            for value in values.dropFirst() {
                let order = InMemoryEvaluation.compare(value, best) ?? 0
                if function == .min ? order < 0 : order > 0 { best = value }
            }
            return best
        }
    }

    /// The aggregates of `rows` by name, in order; a name given twice is an error.
    static func values<Row: FieldReadable>(
        _ aggregates: KeyValuePairs<String, any AggregateExpression>, over rows: [Row], samples: [Row]
    ) throws -> NamedValues {
        var pairs: [(String, FieldValue)] = []
        for (name, expression) in aggregates {
            guard !pairs.contains(where: { $0.0 == name }) else {
                throw QueryValueError.unsupported("the aggregate name '\(name)' given twice")
            }
            pairs.append((name, try value(expression.aggregate, over: rows, samples: samples)))
        }
        return NamedValues(pairs)
    }
}

/// A sum of 64-bit integers that does not overflow: the wrapped sum and how many times it
/// wrapped (the true sum is `low + wraps * 2^64`), as PostgreSQL sums `bigint`s exactly.
struct ExactIntegerSum {
    private var low: Int64 = 0
    private var wraps: Int64 = 0

    mutating func add(_ value: Int64) {
        let (sum, overflow) = low.addingReportingOverflow(value)
        if overflow { wraps += value > 0 ? 1 : -1 }
        low = sum
    }

    /// The sum when it fits 64 bits.
    var exactValue: Int64? { wraps == 0 ? low : nil }

    var doubleValue: Double { Double(wraps) * 18_446_744_073_709_551_616.0 + Double(low) }
}

extension InMemoryQuerySet {
    /// Django's `aggregate()`: the aggregates over the matching rows, by name, in order.
    ///
    ///     let totals = try InMemoryQuerySet(rows).filter(.field("done", .exact(false)))
    ///         .aggregate(["count": Count("id"), "longest": Max("minutes")])
    ///     totals["count"]   // .int(2)
    public func aggregate(_ aggregates: KeyValuePairs<String, any AggregateExpression>) throws -> NamedValues {
        try InMemoryAggregation.values(aggregates, over: evaluate(), samples: rows)
    }
}
