import RESTFramework

/// A query's per-query annotations while its statement is compiled: a column the query
/// annotates (`Column.annotated`) compiles to its aggregate wherever the query names it (the
/// select list, `WHERE`, `ORDER BY`, a `RETURNING`), as Django resolves annotation names before
/// columns. The compiler names columns through `SQLBuilder.append(.columnSQL, ...)`, which
/// consults the scope, so filters, lookups and orderings need no change to reach annotations.
///
/// Keyed by the model's layout, so a subquery over another model is not affected; a subquery's
/// own `select` enters (and afterwards leaves) a scope of its own.
///
/// A class, so that `SQLBuilder.annotations` is one pointer: every column the compiler names
/// asks it first, and for the queries of nearly every request (no annotations) that ask is then
/// a nil test rather than a copy of a large optional struct (docs/profile.md, "after issue 13").
/// It never leaves the thread compiling the statement.
final class AnnotationScope {
    struct Entry {
        /// The layout column the annotation fills.
        let column: Int
        let resolved: AggregateCompiler.Resolved
        /// Its position in `lateralGroups`, when it shares its rows with another entry.
        var lateralGroup: Int? = nil
    }

    let layout: ModelLayout
    let entries: [Entry]
    /// Entries over the same related rows, by position in `entries` (`AnnotationLaterals.swift`).
    let lateralGroups: [[Int]]
    /// Each group's lateral alias once the select list has named it; 0 before.
    var lateralAliases: [Int]
    /// Set while compiling the select list of a statement that joins the groups' laterals.
    var namesLaterals = false
    /// Set while compiling the `ORDER BY` of a statement whose select list holds the
    /// annotations: they are named by their alias there (a correlated subquery then runs once
    /// per row, not twice).
    var byAlias = false

    init(layout: ModelLayout, entries: [Entry]) {
        self.layout = layout
        let groups = Self.lateralGroups(entries)
        var entries = entries
        for (group, members) in groups.enumerated() {
            for position in members { entries[position].lateralGroup = group }
        }
        self.entries = entries
        lateralGroups = groups
        lateralAliases = Array(repeating: 0, count: groups.count)
    }

    func entry(for layout: ModelLayout, column: Int) -> Entry? {
        guard layout === self.layout else { return nil }
        for entry in entries where entry.column == column { return entry }
        return nil
    }

    /// The scope of `annotations` over the model of `layout`, checked: each names a column
    /// declared with `Column.annotated`, aggregates related rows, and gives that column's type
    /// (and no NULL where it is not Optional). Nil for no annotations.
    static func make(_ annotations: [QueryAnnotation], over layout: ModelLayout) throws -> AnnotationScope? {
        guard !annotations.isEmpty else { return nil }
        var entries: [Entry] = []
        for annotation in annotations {
            let name = annotation.name
            guard let column = layout.index(of: name) else {
                throw ModelError.unsupported(
                    "\(layout.typeName) has no annotation \"\(name)\": declare the property it fills, "
                        + "`.annotated(\"\(name)\", \\.property)`, in \(layout.typeName).columns.")
            }
            let info = layout.columns[column]
            guard info.isPerQueryAnnotation else {
                throw ModelError.unsupported("The annotation '\(name)' conflicts with a field on the model.")
            }
            guard !entries.contains(where: { $0.column == column }) else {
                throw ModelError.unsupported("The annotation '\(name)' is given twice.")
            }
            let resolved = try AggregateCompiler.resolve(annotation.aggregate, over: layout)
            if case .own = resolved.source {
                throw ModelError.unsupported(
                    "annotate(\(name): \(annotation.aggregate)) aggregates the row's own column: name the related rows "
                        + "by a relation (`\(annotation.aggregate.function.rawValue)(\"tasks\")`) or explicitly "
                        + "(`\(annotation.aggregate.function.rawValue)(\"id\", from: Related.objects, on: \"foreign_key\")`), "
                        + "or use aggregate([...]) or values([...]).annotate([...]) for totals.")
            }
            guard resolved.type == info.type else {
                throw ModelError.unsupported(
                    "annotate(\(name): \(annotation.aggregate)) gives a \(resolved.type) value; "
                        + "\(layout.typeName).\(name) is declared as \(info.type).")
            }
            guard info.isNullable || !resolved.canBeNull else {
                throw ModelError.unsupported(
                    "annotate(\(name): \(annotation.aggregate)) is NULL over no rows: declare \(layout.typeName).\(name) "
                        + "Optional, or give \(annotation.aggregate.function.rawValue) a default.")
            }
            entries.append(Entry(column: column, resolved: resolved))
        }
        return AnnotationScope(layout: layout, entries: entries)
    }
}

/// One `annotate` entry: the name of the column it fills and its aggregate.
struct QueryAnnotation: Sendable {
    let name: String
    let aggregate: Aggregate
}

extension SQLBuilder {
    /// Enters the scope of `query`'s annotations (none: leaves any outer scope); returns the
    /// scope to restore afterwards.
    mutating func enterAnnotations<M: Model>(of query: ModelQuery<M>) throws -> AnnotationScope? {
        let outer = annotations
        if query.annotations.isEmpty {
            annotations = nil
        } else {
            annotations = try AnnotationScope.make(query.annotations, over: ModelLayout.of(M.self))
        }
        return outer
    }

    /// An annotated column, where `append(.columnSQL, ...)` names it.
    mutating func appendAnnotation(_ entry: AnnotationScope.Entry) {
        if annotations?.byAlias == true {
            return append(.quotedName, of: entry.resolved.layout, column: entry.column)
        }
        if let scope = annotations, scope.namesLaterals, let group = entry.lateralGroup {
            return appendLateralColumn(entry, group: group, of: scope)
        }
        // The expression's own columns are those of the related rows and the annotated row's
        // key, never an annotation: no scope while it is compiled.
        let scope = annotations
        annotations = nil
        defer { annotations = scope }
        do {
            try AggregateCompiler.append(
                entry.resolved,
                compileOwn: { _, _ in throw ModelError.unsupported("a filter over the annotated row in annotate()") },
                into: &self)
        } catch {
            if deferredError == nil { deferredError = error }
        }
    }

    /// `<column>, <column>, (<expression>) AS "name", ...`: a model's columns one by one (its
    /// precomputed select list cannot hold annotations' parameters).
    mutating func appendColumns(of layout: ModelLayout) {
        for index in layout.columns.indices {
            if index > 0 { append(", ") }
            append(.columnSQL, of: layout, column: index)
            if !layout.columns[index].isWritable {
                append(" AS ")
                append(.quotedName, of: layout, column: index)
            }
        }
    }
}
