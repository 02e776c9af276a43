import RESTFramework

extension QuerySet {
    /// The relation paths a serializer reads (`Serializer.relatedPaths`), fetched with the rows:
    /// a path of foreign keys and one-to-ones is selected by JOIN (`selectRelated`), a path that
    /// starts with a to-many relation (or a reverse one-to-one) is prefetched (`prefetchRelated`,
    /// its first hop). A name that is no relation ends the path (a dotted `source` may read a
    /// model's computed value); paths already asked for are not asked twice.
    ///
    ///     Issue.objects.withRelated(["project__account", "assignee", "labels"])
    ///     // = .selectRelated("project__account", "assignee").prefetchRelated("labels")
    public func withRelated(_ paths: @autoclosure () -> [String]) -> QuerySet {
        // A model without relations (most): nothing to read, and the paths are not worked out.
        guard !ModelLayout.of(M.self).relations.isEmpty else { return self }
        let paths = paths()
        guard !paths.isEmpty else { return self }
        var related = query.state.related
        var changed = false
        for path in paths {
            var layout = ModelLayout.of(M.self)
            var hops: [Substring] = []
            for step in path.split(separator: "__", omittingEmptySubsequences: false) {
                guard let relation = layout.relation(named: String(step)) else { break }
                guard relation.isForward else {
                    if hops.isEmpty, !related.prefetchRelated.contains(relation.name) {
                        related.prefetchRelated.append(relation.name)
                        changed = true
                    }
                    break
                }
                hops.append(step)
                layout = relation.target()
            }
            let selected = hops.joined(separator: "__")
            if !selected.isEmpty, !related.selectRelated.contains(selected) {
                related.selectRelated.append(selected)
                changed = true
            }
        }
        guard changed else { return self }
        return QuerySet(ModelQuery(state: query.state.with(related: related)), connection: connection)
    }
}
