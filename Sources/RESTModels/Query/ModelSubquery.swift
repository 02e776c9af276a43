import RESTFramework

/// One column of a queryset's rows as a subquery, for `Predicate.inSubquery` (Django's
/// `values_list(column, flat=True)` inside a filter): compiled into the outer statement, its
/// parameters numbered after the outer ones, run as one statement.
///
///     let memberOf = AccountMember.objects.filter(.field("user_id", .exact(7))).values("account_id")
///     let accounts = Account.objects(on: request).filter(.inSubquery("id", memberOf))
///     // SELECT ... FROM "accounts" WHERE "accounts"."id" IN (SELECT "account_members"."account_id"
///     //   FROM "account_members" WHERE "account_members"."user_id" = $1)
public struct ModelSubquery: SubqueryExpression {
    let render: @Sendable (inout SQLBuilder) throws -> String

    init<M: Model>(_ query: ModelQuery<M>, column name: String) {
        render = { sql in
            let column = try QueryCompiler<M>.column(name)
            // Order matters only to a slice; Django clears it otherwise.
            return try QueryCompiler<M>.select(query, list: column.sql, ordered: false, into: &sql)
        }
    }
}
