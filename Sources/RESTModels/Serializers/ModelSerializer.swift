import PostgreSQL
import RESTFramework

/// DRF's `ModelSerializer`, with the fields declared explicitly: `create` is an
/// `INSERT ... RETURNING` of the validated data (plus `save(extra)`), `update` an
/// `UPDATE ... RETURNING` of the instance's row, and `data` afterwards renders the row as the
/// database stored it (defaults, serial id, annotations). A unique violation the validators did
/// not catch (a race) becomes their 400, not a 500.
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
