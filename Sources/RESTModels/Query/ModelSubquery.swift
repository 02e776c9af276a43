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

    init<M: Model>(_ query: ModelQuery<M>, column name: String) {
        render = { sql in
            let index = try QueryCompiler<M>.columnIndex(name, in: ModelLayout.of(M.self))
            // Order matters only to a slice; Django clears it otherwise.
            try QueryCompiler<M>.select(query, list: .column(index), ordered: false, into: &sql)
        }
    }
}
