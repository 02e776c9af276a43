import RESTFramework

/// One column of a queryset's rows as a subquery, for `Predicate.inSubquery` (Django's
/// `values_list(column, flat=True)` inside a filter): compiled into the outer statement, its
/// parameters numbered after the outer ones, run as one statement.
///
///     let memberOf = AccountMember.objects.filter(.field("user_id", .exact(7))).values("account_id")
///     let accounts = try Account.objects(on: request).filter(.inSubquery("id", memberOf))
///     // SELECT ... FROM "accounts" WHERE "accounts"."id" IN (SELECT "account_members"."account_id"
///     //   FROM "account_members" WHERE "account_members"."user_id" = $1)
public struct ModelSubquery: SubqueryExpression {
    /// Appends the subquery's `SELECT` to the outer statement.
    let render: @Sendable (inout SQLBuilder) throws -> Void
    /// Compiled as `= ANY(ARRAY(...))` rather than `IN (...)`: see `asArray()`.
    private(set) var isArray = false

    init<M: Model>(_ query: ModelQuery<M>, column name: String) {
        render = { sql in
            let index = try QueryCompiler<M>.columnIndex(name, in: ModelLayout.of(M.self))
            // Order matters only to a slice; Django clears it otherwise.
            try QueryCompiler<M>.select(query, list: .column(index), ordered: false, into: &sql)
        }
    }

    /// The same subquery, run once before the outer statement and matched as an array:
    /// `"projects"."account_id" = ANY(ARRAY(SELECT ...))` instead of `IN (SELECT ...)`. Same
    /// rows, NULLs and negation as `IN`.
    ///
    ///     let mine = try Account.objects(on: request).filter(.inSubquery("id", memberOf.asArray()))
    ///
    /// Why: the framework prepares its statements, and after five runs PostgreSQL plans them once
    /// for any parameter (the generic plan). For `IN (SELECT ... WHERE "user_id" = $1)` that plan
    /// assumes the average user, often one row; a user in every account then gets a nested loop
    /// over every project (measured on the reference tasks list: 3,083 buffers against 38 for a
    /// hash join, docs/profile.md). An array from a subquery is planned as about ten values,
    /// whoever asks, so the plan reads the matching rows with hash joins or index scans sized
    /// for a small set.
    ///
    /// Use it for small sets (a user's accounts or groups). For a large set keep `IN`: an array
    /// is searched value by value where PostgreSQL cannot use it as an index condition, where
    /// `IN` builds a hash.
    public func asArray() -> ModelSubquery {
        var copy = self
        copy.isArray = true
        return copy
    }
}
