import PostgreSQL
import RESTFramework

/// DRF's `ModelSerializer`: the fields come from the model's declaration (DRF's `class Meta`),
/// `create` is an `INSERT ... RETURNING` of the validated data (plus `save(extra)`), `update` an
/// `UPDATE ... RETURNING` of the instance's row, and `data` afterwards renders the row as the
/// database stored it (defaults, serial id, annotations). A unique violation the validators did
/// not catch (a race) becomes their 400, not a 500.
///
///     final class TagSerializer: ModelSerializer<Tag> {
///         override class var modelFields: ModelFieldSelection? { ["id", "slug", "name"] }
///     }
///
/// makes `IntegerField("id", readOnly: true)`, `CharField("slug", maxLength: 50, validators:
/// [UniqueValidator(..., message: "tag with this slug already exists.")])` and
/// `CharField("name", maxLength: 100)` from the columns (their types, `ColumnOptions`, choices,
/// nullability), the relations (`PrimaryKeyRelatedField`) and `Model.uniqueTogether`
/// (`UniqueTogetherValidator`), as DRF's `get_fields` does. `readOnlyFields`, `extraKwargs` and
/// `declaredFields` adjust it:
///
///     final class ProjectSerializer: ModelSerializer<Project> {
///         override class var modelFields: ModelFieldSelection? { ["url", "id", "account", "account_name", "name"] }
///         override class var readOnlyFields: [String] { ["id"] }
///         override class var extraKwargs: [String: ExtraKwargs] { ["name": ExtraKwargs(minLength: 3)] }
///         override class var declaredFields: [any SerializerField] { [ReadOnlyField("account_name", source: "account.name")] }
///     }
///
/// Or every field declared explicitly (no `modelFields`), as before inference:
///
///     final class NoteSerializer: ModelSerializer<Note> {
///         override class var fields: [any SerializerField] {
///             [IntegerField("id", readOnly: true),
///              CharField("title", maxLength: 200),
///              CharField("body", required: false, allowBlank: true),
///              ReadOnlyField("author"),                       // an annotation: no query per row
///              DateTimeField("created", readOnly: true)]
///         }
///     }
///     // In the view: try serializer.save(["author_id": request.user.pk])
///
/// Validated data is keyed by field source; a source names a column (`title`), or a foreign
/// key by its relation name (`owner` writes `owner_id`). Anything else is a programming mistake
/// (a `FieldError`, a 500), as Django's `Model(**data)` raises `TypeError`. A to-many
/// relation's name (`tags`, from a related field with `many`) sets its rows after the write.
open class ModelSerializer<M: Model>: Serializer {
    /// The rows `create`/`update` write through; bound to the context's connection when run.
    open class var queryset: QuerySet<M> { M.objects }

    // MARK: Declaration (DRF's `class Meta`)

    /// DRF's `Meta.fields` (or `"__all__"`, or `Meta.exclude`): the fields made from the model,
    /// in order. nil: the serializer has only `declaredFields` (or overrides `fields` itself).
    open class var modelFields: ModelFieldSelection? { nil }
    /// DRF's `Meta.read_only_fields`: inferred fields made read-only.
    open class var readOnlyFields: [String] { [] }
    /// DRF's `Meta.extra_kwargs`: options of inferred fields, by name.
    open class var extraKwargs: [String: ExtraKwargs] { [:] }
    /// DRF's declared fields (`author = ReadOnlyField(source=...)` on the class): they replace
    /// the inferred field of the same name, in the `modelFields` order.
    open class var declaredFields: [any SerializerField] { [] }
    /// DRF's `Meta.depth`: with n > 0, each relation the fields name (and each forward one of
    /// `.all`) is a read-only nested serializer of the target with all its fields and depth
    /// n - 1 (`NestedModelSerializer`), read with the rows by list and retrieve (`relatedPaths`):
    ///
    ///     final class ProjectDepthSerializer: ModelSerializer<Project> {
    ///         override class var modelFields: ModelFieldSelection? { .all }
    ///         override class var depth: Int { 1 }       // "account": {"id": 1, "name": "Acme"}
    ///     }
    open class var depth: Int { 0 }

    /// The inferred fields (DRF's `get_fields`); `declaredFields` when there is no `modelFields`.
    open override class var fields: [any SerializerField] { ModelSerializerDeclaration.of(self).fields }

    /// DRF's `get_validators`: a `UniqueTogetherValidator` for each of `M.uniqueTogether` the
    /// fields cover (override to replace them, as DRF's `Meta.validators` does).
    open override class var validators: [any ObjectValidator] { ModelSerializerDeclaration.validators(self).validators }

    /// What could not be inferred (a name the model does not have, a column type without a field
    /// class...), each with its fix; empty when the declaration is sound. Check it at startup or
    /// in a test: the fields concerned fail every request with these messages.
    public class var configurationProblems: [String] {
        ModelSerializerDeclaration.of(self).problems + ModelSerializerDeclaration.validators(self).problems
    }

    open override func create(_ validatedData: ValidatedData) throws -> any FieldReadable {
        let rows = try Self.queryset.using(context.database)
        return try mappingUniqueViolations(on: rows) { try rows.insertSettingRelations(validatedData, reading: Self.relatedPaths) }
    }

    open override func update(_ instance: any FieldReadable, _ validatedData: ValidatedData) throws -> any FieldReadable {
        guard let object = instance as? M else {
            throw SerializerConfigurationError("\(type(of: self)) updates \(M.self) rows, not \(type(of: instance)).")
        }
        let rows = try Self.queryset.using(context.database)
        return try mappingUniqueViolations(on: rows) {
            try rows.updateSettingRelations(object, with: validatedData, reading: Self.relatedPaths)
        }
    }

    /// Runs a write; a unique violation becomes the validators' 400. Inside a transaction the
    /// write gets a savepoint, so the failed statement does not abort the caller's transaction.
    public func mappingUniqueViolations<T>(on rows: QuerySet<M>, _ write: () throws -> T) throws -> T {
        do {
            guard let connection = rows.connection, connection.isInTransaction else { return try write() }
            return try connection.transaction { _ in try write() }
        } catch let error as PostgresError where error.isUniqueViolation {
            throw UniqueViolation.validationError(
                error, fields: fields, model: M.self,
                nonFieldErrorsKey: context.nonFieldErrorsKey)
        }
    }
}
