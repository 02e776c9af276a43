import PostgreSQL
import Testing
@testable import RESTFramework
@testable import RESTModels

/// The SQL relations compile to, without a database: EXISTS per hop for lookups, JOINs for
/// ordering and `selectRelated`, an alias for a table joined twice, values as parameters.
@Suite struct RelationSQLTests {
    static func select(_ queryset: QuerySet<ProjectTask>) throws -> SQLStatement {
        let query = queryset.query
        let joins = try QueryCompiler<ProjectTask>.joins(query)
        return try SQLBuilder.statement { try QueryCompiler<ProjectTask>.select(query, joins: .some(joins), into: &$0) }
    }

    @Test func lookupsAcrossRelationsAreExistsSubqueries() throws {
        let nested = try Self.select(ProjectTask.objects.filter(.field("project__account__name", .exact("Acme"))))
        let accountOfProject =
            #" WHERE EXISTS (SELECT 1 FROM "projects" AS "T1" WHERE "T1"."id" = "tasks"."project_id""#
            + #" AND EXISTS (SELECT 1 FROM "accounts" AS "T2" WHERE "T2"."id" = "T1"."account_id" AND "T2"."name" = $1::text))"#
        #expect(nested.text.hasSuffix(accountOfProject))
        let throughTags =
            #"EXISTS (SELECT 1 FROM "task_tags" AS "T1" INNER JOIN "tags" AS "T2" ON "T2"."id" = "T1"."tag_id""#
            + #" WHERE "T1"."task_id" = "tasks"."id""#
        let tagged = try Self.select(ProjectTask.objects.exclude(.field("tags__slug", .in(["a", "b"]))))
        #expect(tagged.text.hasSuffix(" WHERE NOT " + throughTags + #" AND "T2"."slug" = ANY($1::text[]))"#))
        #expect(!tagged.text.contains("DISTINCT"))
        let untagged = try Self.select(ProjectTask.objects.filter(.field("tags", .isNull(true))))
        #expect(untagged.text.hasSuffix(" WHERE NOT " + throughTags + ")"))
        // The key column itself: no subquery.
        let unassigned = try Self.select(ProjectTask.objects.filter(.field("assignee", .isNull(true))))
        #expect(unassigned.text.hasSuffix(#" WHERE "tasks"."assignee_id" IS NULL"#))
    }

    @Test func aSubqueryAsAnArrayIsMatchedWithAny() throws {
        let projects = ProjectTask.objects.filter(.field("assignee", .exact(7))).values("project_id")
        let plain = try Self.select(ProjectTask.objects.filter(.inSubquery("project", projects)))
        #expect(plain.text.contains(#" WHERE "tasks"."project_id" IN (SELECT "tasks"."project_id" FROM "tasks" WHERE"#))
        let array = try Self.select(ProjectTask.objects.filter(.inSubquery("project", projects.asArray())))
        #expect(
            array.text.contains(#" WHERE "tasks"."project_id" = ANY(ARRAY(SELECT "tasks"."project_id" FROM "tasks" WHERE"#))
        #expect(array.text.hasSuffix(#""tasks"."assignee_id" = $1::int8))"#))
        // Across a relation: the array sits in the EXISTS, as IN did.
        let across = try Self.select(ProjectTask.objects.exclude(.inSubquery("project__account", projects.asArray())))
        #expect(across.text.contains(#" WHERE NOT EXISTS (SELECT 1 FROM "projects" AS "T1" WHERE "T1"."id" = "tasks"."project_id""#))
        #expect(across.text.contains(#" AND "T1"."account_id" = ANY(ARRAY(SELECT "#))
    }

    @Test func selectRelatedJoinsAndAliasesATableJoinedTwice() throws {
        let statement = try Self.select(
            ProjectTask.objects.selectRelated("project__lead", "assignee").orderBy([OrderTerm("assignee__username", nulls: .first)]))
        #expect(statement.text.contains(#" FROM "tasks" INNER JOIN "projects" ON "projects"."id" = "tasks"."project_id""#))
        #expect(statement.text.contains(#" LEFT OUTER JOIN "users" ON "users"."id" = "projects"."lead_id""#))
        #expect(statement.text.contains(#" LEFT OUTER JOIN "users" AS "T1" ON "T1"."id" = "tasks"."assignee_id""#))
        #expect(statement.text.hasSuffix(#" ORDER BY "T1"."username" ASC NULLS FIRST"#))
        // A plain query of a model with relations is what it was.
        let plain = try Self.select(ProjectTask.objects.filter(.field("title", .exact("x"))).orderBy("id"))
        #expect(!plain.text.contains("JOIN") && plain.text.hasPrefix(#"SELECT "tasks"."id", "#))
    }

    /// A page with `selectRelated` is sliced from the table alone, then joined (PostgreSQL would
    /// otherwise join every row before the OFFSET); when the ordering needs a join, or names an
    /// annotation the subquery lacks, the statement joins first as before.
    @Test func aSlicedPageIsTakenBeforeItsRowsAreJoined() throws {
        let page = try Self.select(
            ProjectTask.objects.selectRelated("project", "assignee").filter(.field("done", .exact(false))).orderBy("-id")[200..<300])
        #expect(
            page.text.contains(
                #" FROM (SELECT "tasks".* FROM "tasks" WHERE "tasks"."done" = $1::bool ORDER BY "tasks"."id" DESC LIMIT $2::int8 OFFSET $3::int8) AS "tasks""#
                    + #" INNER JOIN "projects" ON "projects"."id" = "tasks"."project_id" LEFT OUTER JOIN "users""#))
        #expect(page.text.hasSuffix(#" ORDER BY "tasks"."id" DESC"#))
        // Not sliced, or ordered across the relation: joined first.
        let whole = try Self.select(ProjectTask.objects.selectRelated("project").orderBy("id"))
        #expect(whole.text.contains(#" FROM "tasks" INNER JOIN"#) && !whole.text.contains("(SELECT"))
        let acrossRelation = try Self.select(ProjectTask.objects.selectRelated("project").orderBy("project__name").limit(10))
        #expect(acrossRelation.text.contains(#" FROM "tasks" INNER JOIN"#) && acrossRelation.text.hasSuffix(" LIMIT $1::int8"))
        // Without selectRelated there is nothing to defer.
        let plain = try Self.select(ProjectTask.objects.orderBy("id").limit(10))
        #expect(!plain.text.contains("JOIN") && !plain.text.contains("(SELECT"))
    }

    @Test func unknownNamesAndToManyOrderingAreRefused() throws {
        let names = ["id", "project_id", "title", "assignee_id", "done", "project", "assignee", "tags"]
        #expect(throws: FieldError(model: "ProjectTask", field: "nothing", validFields: names)) {
            try Self.select(ProjectTask.objects.filter(.field("nothing__x", .exact(1))))
        }
        #expect(throws: FieldError(model: "ProjectTask", field: "tags", validFields: ["project", "assignee"])) {
            try Self.select(ProjectTask.objects.selectRelated("tags"))
        }
        #expect(throws: ModelError.unsupported("Cannot order by 'tags__slug': 'tags' is a to-many relation, which would repeat rows.")) {
            try Self.select(ProjectTask.objects.orderBy("tags__slug"))
        }
    }

    /// `ModelQueryState` holds the related paths as one pointer, nil for a plain queryset (the
    /// per-request saving in docs/profile.md); the paths must survive every copy of the state.
    @Test func relatedPathsSurviveFilteringOrderingAndSlicing() throws {
        #expect(!ProjectTask.objects.filter(.field("title", .exact("x"))).orderBy("id").query.state.loadsRelated)
        let queryset = ProjectTask.objects.selectRelated("project").prefetchRelated("tags")
            .filter(.field("title", .exact("x"))).orderBy("id")
        let state = queryset.query.sliced(offset: 0, limit: 2).state
        #expect(state.loadsRelated)
        #expect(state.related.selectRelated == ["project"] && state.related.prefetchRelated == ["tags"])
        #expect(state.offset == 0 && state.limit == 2 && state.predicates.count == 1)
        // Emptied paths read as none.
        #expect(!queryset.query.state.with(related: RelatedLoading()).loadsRelated)
    }
}
