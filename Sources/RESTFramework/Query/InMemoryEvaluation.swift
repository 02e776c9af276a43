/// How `InMemoryQuerySet` evaluates predicates and orders rows: the reference semantics the SQL
/// compiler is held to (see `InMemoryQuerySet` for the summary).
///
///     try InMemoryEvaluation.matches(row, .field("id", .gt("41")))   // id > 41, "41" coerced
enum InMemoryEvaluation {
    // MARK: Predicates

    static func matches(_ row: some FieldReadable, _ predicate: Predicate) throws -> Bool {
        switch predicate {
        case .constant(let value):
            return value
        case .and(let parts):
            for part in parts where try !matches(row, part) { return false }
            return true
        case .or(let parts):
            for part in parts where try matches(row, part) { return true }
            return false
        case .not(let inner):
            return try !matches(row, inner)
        case .field(let name, .fieldComparison(let comparison, let other)):
            guard let value = row.fieldValue(name) else { throw FieldError(type(of: row), field: name) }
            guard let otherValue = row.fieldValue(other.field) else { throw FieldError(type(of: row), field: other.field) }
            // NULL on either side: unknown, so no match (and none under NOT either, as SQL guards it).
            guard let order = compare(value, otherValue) else { return false }
            switch comparison {
            case .exact: return order == 0
            case .lt: return order < 0
            case .lte: return order <= 0
            case .gt: return order > 0
            case .gte: return order >= 0
            }
        case .field(let name, let lookup):
            guard let value = row.fieldValue(name) else { throw FieldError(type(of: row), field: name) }
            return try matches(value, lookup, field: name)
        case .inSubquery(let name, let subquery):
            guard let subquery = subquery as? InMemorySubquery else {
                throw QueryValueError.unsupported("a subquery of type \(type(of: subquery))")
            }
            guard let value = row.fieldValue(name) else { throw FieldError(type(of: row), field: name) }
            return try matches(value, .in(subquery.values()), field: name)
        }
    }

    static func matches(_ value: FieldValue, _ lookup: Lookup, field: String) throws -> Bool {
        switch lookup {
        case .isNull(let wanted):
            return value.isNull == wanted
        case .exact(.null):
            return value.isNull  // Django turns `field=None` into `IS NULL`.
        // The value is checked before the row's (as SQL compiles it before reading any row).
        case .date(let day):
            return try inside(DateLookupBounds.day(day, field: field), value, lookup: "date", field: field)
        case .year(let year):
            return try inside(DateLookupBounds.year(year, field: field), value, lookup: "year", field: field)
        case .regex(let pattern), .iregex(let pattern):
            let compiled = try RegexLookup(pattern, caseInsensitive: lookup == .iregex(pattern), field: field)
            return !value.isNull && compiled.matches(sqlText(value))
        default:
            break
        }
        guard !value.isNull else { return false }
        switch lookup {
        case .exact(let other):
            return try compare(value, coerce(other, like: value, field: field)) == 0
        case .lt(let other), .lte(let other), .gt(let other), .gte(let other):
            guard !other.isNull else { throw QueryValueError.unsupported("None as a query value for '\(field)'") }
            if case .jsonValue = value { throw QueryValueError.orderingOnJSON(field: field) }
            guard let order = try compare(value, coerce(other, like: value, field: field)) else { return false }
            switch lookup {
            case .lt: return order < 0
            case .lte: return order <= 0
            case .gt: return order > 0
            default: return order >= 0
            }
        case .in(let candidates):
            if case .list = value { throw QueryValueError.inOnArray(field: field) }
            for candidate in candidates where !candidate.isNull {
                if try compare(value, coerce(candidate, like: value, field: field)) == 0 { return true }
            }
            return false
        case .iexact(let text):
            return upper(sqlText(value)) == upper(text)
        case .contains(let needle):
            return scalarsContain(sqlText(value), needle)
        case .icontains(let needle):
            return scalarsContain(upper(sqlText(value)), upper(needle))
        case .startswith(let prefix):
            return sqlText(value).unicodeScalars.starts(with: prefix.unicodeScalars)
        case .istartswith(let prefix):
            return upper(sqlText(value)).unicodeScalars.starts(with: upper(prefix).unicodeScalars)
        case .endswith(let suffix):
            return scalarsEnd(sqlText(value), with: suffix)
        case .iendswith(let suffix):
            return scalarsEnd(upper(sqlText(value)), with: upper(suffix))
        case .range(let low, let high):
            return try matches(value, .gte(low), field: field) && matches(value, .lte(high), field: field)
        case .isNull, .date, .year, .regex, .iregex:
            return false  // handled above
        case .fieldComparison:
            // Needs the row: `matches(_:_:)` on a predicate evaluates it.
            throw QueryValueError.unsupported("F() in a lookup on a single value")
        }
    }

    /// Whether a timestamp lies in a `date`/`year` lookup's bounds (false for NULL); other
    /// types are Django's "Unsupported lookup".
    private static func inside(_ bounds: DateLookupBounds, _ value: FieldValue, lookup: String, field: String) throws
        -> Bool
    {
        switch value {
        case .null: return false
        case .dateTime(let time): return bounds.contains(time)
        case .date(let date): return bounds.contains(date)
        default: throw QueryValueError.unsupported("the lookup '\(lookup)' on '\(field)', which is not a timestamp or a date")
        }
    }

    // MARK: Coercion (Django's get_prep_value, per the field's type)

    /// `value` converted to the type of `sample` (a non-NULL value of the field).
    static func coerce(_ value: FieldValue, like sample: FieldValue, field: String) throws -> FieldValue {
        func fail(_ type: String) -> QueryValueError { .cannotCoerce(field: field, value: value, to: type) }
        switch (sample, value) {
        case (_, .null):
            return .null
        case (.int, .int), (.int, .double), (.double, .int), (.double, .double),
            (.string, .string), (.bool, .bool), (.dateTime, .dateTime):
            return value
        case (.int, .bool(let b)):
            return .int(b ? 1 : 0)
        case (.int, .string(let text)):
            guard let number = IntegerText(parsing: text) else { throw fail("a number") }
            if let small = number.intValue.flatMap(Int64.init(exactly:)) { return .int(small) }
            // Beyond 64 bits: below or above every row, never equal.
            return .double(number.isNegative ? -.infinity : .infinity)
        case (.double, .string(let text)):
            guard let number = Double(PythonText.strip(text)) else { throw fail("a number") }
            return .double(number)
        case (.string, _):
            return .string(PythonText.str(value))
        case (.bool, .int(let i)) where i == 0 || i == 1:
            return .bool(i == 1)
        case (.bool, .string(let text)):
            switch text {
            case "t", "True", "1": return .bool(true)
            case "f", "False", "0": return .bool(false)
            default: throw fail("either True or False")
            }
        case (.dateTime, .string(let text)):
            // PostgreSQL's `infinity` and `-infinity` too: a timestamptz column can hold them.
            let stripped = PythonText.strip(text)
            guard let time = DateTime(iso8601: stripped) ?? DateTime(infinityText: stripped) else {
                throw fail("a valid datetime")
            }
            return .dateTime(time)
        default:
            // The column types beyond the first five (decimal, uuid, date, ...), in their own file.
            guard let coerced = coerceColumnType(value, like: sample, field: field) else { throw fail(typeName(sample)) }
            return coerced
        }
    }

    static func typeName(_ value: FieldValue) -> String {
        switch value {
        case .null: return "a value"
        case .bool: return "either True or False"
        case .int, .double: return "a number"
        case .string: return "a string"
        case .dateTime: return "a valid datetime"
        case .decimal: return "a decimal number"
        case .uuid: return "a valid UUID"
        case .date: return "a valid date"
        case .time: return "a valid time"
        case .duration: return "a valid duration"
        case .jsonValue: return "a JSON value"
        case .bytes: return "base64 bytes"
        case .list: return "a list"
        }
    }

    // MARK: Comparison and ordering

    /// -1, 0 or 1; nil when either side is NULL (SQL: unknown).
    static func compare(_ a: FieldValue, _ b: FieldValue) -> Int? {
        func sign<T: Comparable>(_ x: T, _ y: T) -> Int { x < y ? -1 : (x == y ? 0 : 1) }
        switch (a, b) {
        case (.null, _), (_, .null): return nil
        case (.int(let x), .int(let y)): return sign(x, y)
        case (.int(let x), .double(let y)): return compareMixed(x, y)
        case (.double(let x), .int(let y)): return -compareMixed(y, x)
        case (.double(let x), .double(let y)): return sign(x, y)
        case (.bool(let x), .bool(let y)): return sign(x ? 1 : 0, y ? 1 : 0)
        case (.dateTime(let x), .dateTime(let y)): return sign(x, y)
        case (.string(let x), .string(let y)):
            if x == y { return 0 }
            return PythonText.codePointLess(x, y) ? -1 : 1
        case (.decimal, _), (_, .decimal), (.uuid, .uuid), (.date, .date), (.time, .time), (.duration, .duration),
            (.bytes, .bytes), (.list, .list), (.jsonValue, .jsonValue):
            if let order = compareColumnTypes(a, b) { return order }
            return sign(rank(a), rank(b))
        default:
            // A column holds one type; mixed types only come from careless test rows.
            return sign(rank(a), rank(b))
        }
    }

    private static func compareMixed(_ x: Int64, _ y: Double) -> Int {
        if y.isInfinite { return y > 0 ? -1 : 1 }
        let converted = Double(x)
        if converted != y { return converted < y ? -1 : 1 }
        // Equal as doubles: settle on the exact integer when y is integral and in range.
        guard let exact = Int64(exactly: y) else { return 0 }
        return x < exact ? -1 : (x == exact ? 0 : 1)
    }

    private static func rank(_ value: FieldValue) -> Int {
        switch value {
        case .null: return 0
        case .bool: return 1
        case .int, .double: return 2
        case .string: return 3
        case .dateTime: return 4
        case .decimal: return 2  // a number
        case .uuid: return 5
        case .date: return 6
        case .time: return 7
        case .duration: return 8
        case .jsonValue: return 9
        case .bytes: return 10
        case .list: return 11
        }
    }

    /// Orders two rows' sort keys by `terms`: NULLS LAST ascending, FIRST descending, unless a
    /// term says otherwise.
    static func compareRows(_ a: [FieldValue], _ b: [FieldValue], _ terms: [OrderTerm]) -> Int {
        for (index, term) in terms.enumerated() {
            let x = a[index], y = b[index]
            let nullsFirst = term.nulls.map { $0 == .first } ?? term.descending
            switch (x.isNull, y.isNull) {
            case (true, true): continue
            case (true, false): return nullsFirst ? -1 : 1
            case (false, true): return nullsFirst ? 1 : -1
            case (false, false):
                let order = compare(x, y) ?? 0
                if order != 0 { return term.descending ? -order : order }
            }
        }
        return 0
    }

    // MARK: Text

    /// PostgreSQL's `value::text` in a UTC session.
    static func sqlText(_ value: FieldValue) -> String {
        switch value {
        case .null: return ""
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .double(let d):
            if d.rounded() == d, abs(d) < 1e15 { return String(Int64(d)) }
            return String(d)
        case .string(let s): return s
        case .dateTime(let t):
            if t.isInfinite { return t.iso8601 }  // the server's words
            var text = PythonText.pythonDateTime(t)  // ...38.123450+00:00
            text.removeLast(3)  // ...38.123450+00
            if let dot = text.firstIndex(of: ".") {
                let plus = text.lastIndex(of: "+")!
                var fraction = text[text.index(after: dot)..<plus]
                while fraction.last == "0" { fraction.removeLast() }
                text = String(text[..<dot]) + "." + fraction + "+00"
            }
            return text
        case .decimal, .uuid, .date, .time, .duration, .jsonValue, .bytes, .list:
            return columnTypeText(value)
        }
    }

    /// `UPPER()` per character: the simple (one-to-one) mapping, so `ß` stays `ß` as it does
    /// under PostgreSQL's libc collations.
    static func upper(_ text: String) -> String {
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            let mapped = scalar.properties.uppercaseMapping.unicodeScalars
            if mapped.count == 1 { result.append(mapped.first!) } else { result.append(scalar) }
        }
        return String(result)
    }

    /// Suffix match on code points (LIKE '%suffix' with the suffix escaped).
    static func scalarsEnd(_ text: String, with suffix: String) -> Bool {
        let t = Array(text.unicodeScalars), s = Array(suffix.unicodeScalars)
        return t.count >= s.count && t[(t.count - s.count)...].elementsEqual(s)
    }

    /// Substring search on code points (LIKE '%needle%' with the needle escaped).
    static func scalarsContain(_ haystack: String, _ needle: String) -> Bool {
        let h = Array(haystack.unicodeScalars), n = Array(needle.unicodeScalars)
        if n.isEmpty { return true }
        guard h.count >= n.count else { return false }
        for start in 0...(h.count - n.count) where h[start..<start + n.count].elementsEqual(n) { return true }
        return false
    }
}
