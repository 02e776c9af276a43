import ReferenceAPI
import RESTFramework
import RESTModels

/// Each task (the reference API's `Task`, over the part-2 migration's tables) with its project's
/// name, the project's account's name, its assignee's username and its tags' slugs: the to-one
/// relations JOINed into the page's statement, the tags in one more statement for the whole page.
/// DRF's side is Tests/DRFReference/api/bench.py.
final class TaskSerializer: ModelSerializer<Task> {
    override class var fields: [any SerializerField] {
        [
            IntegerField("id", readOnly: true),
            ReadOnlyField("project", source: "project_id"),
            ReadOnlyField("project_name", source: "project.name"),
            ReadOnlyField("account_name", source: "project.account.name"),
            ReadOnlyField("title"),
            // DRF's side is a read-only SlugRelatedField: null when unassigned. A ReadOnlyField
            // would leave the key out there (DRF's get_attribute on None); allowNull makes it null.
            CharField("assignee", source: "assignee.username", readOnly: true, allowNull: true),
            TagSlugsField("tags"),
            ReadOnlyField("priority"),
            ReadOnlyField("done"),
            DateTimeField("created", readOnly: true),
        ]
    }
}

/// DRF's `SlugRelatedField(many=True, read_only=True, slug_field="slug")` over the prefetched
/// tags (in the tags' ordering, slug); an empty list when they were not prefetched would hide a
/// missing prefetch, so that is an error.
struct TagSlugsField: SerializerField {
    var options: FieldOptions

    init(_ name: String) { options = FieldOptions(name: name, source: "*", readOnly: true) }

    struct NotPrefetched: Error, CustomStringConvertible {
        var description: String { "TagSlugsField: the task's tags were not prefetched" }
    }

    func representation(of instance: any FieldReadable, context: SerializerContext) throws -> JSON? {
        guard let tags = (instance as? Task)?.tags.all else { throw NotPrefetched() }
        return .array(tags.map { .string($0.slug) })
    }

    func toInternalValue(_ data: JSON, context: FieldValidationContext) throws -> FieldValue {
        throw SerializerConfigurationError("TagSlugsField `\(options.name)` takes no input.")
    }

    func toRepresentation(_ value: FieldValue, context: SerializerContext) throws -> JSON { value.json }
}

/// `/bench/tasks/`: anyone, no authentication (the benchmark measures the relations, not the
/// token lookup), pages of 100 (`?page_size=10` for smaller ones), ordered by id.
final class TaskViewSet: ReadOnlyModelViewSet<QuerySet<Task>> {
    override class var queryset: QuerySet<Task>? {
        Task.objects.orderBy("id").selectRelated("project", "project__account", "assignee").prefetchRelated("tags")
    }
    override class var serializerClass: Serializer.Type? { TaskSerializer.self }
    override class var authenticationClasses: [any Authentication]? { [] }
    override class var permissionClasses: [any Permission]? { [AllowAny()] }
}
