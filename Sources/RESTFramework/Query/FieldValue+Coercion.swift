/// The coercion `InMemoryQuerySet` applies to query values, for other query compilers: the
/// model layer's SQL compiler calls it with a sample of the column's type, so both agree on what
/// `.string("42")` means for an integer column (Django's `get_prep_value`).
///
///     try FieldValue.string("42").coerced(like: .int(0), field: "id")     // .int(42)
///     try FieldValue.string("1e30").coerced(like: .int(0), field: "id")   // throws cannotCoerce
///     try FieldValue.string("99999999999999999999").coerced(like: .int(0), field: "id")
///                                                                         // .double(.infinity): beyond every row
extension FieldValue {
    /// This value converted to the type of `sample` (any non-NULL value of the field's type).
    /// An integer text beyond 64 bits becomes `.double(±.infinity)`: below or above every row,
    /// equal to none. Throws `QueryValueError.cannotCoerce`.
    public func coerced(like sample: FieldValue, field: String) throws -> FieldValue {
        try InMemoryEvaluation.coerce(self, like: sample, field: field)
    }
}
