import RESTFramework

/// Stands where `ModelSerializer` could not make a field from the declaration (DRF raises
/// `ImproperlyConfigured` when the serializer is first used): every validation and rendering
/// throws the message, which says the fix. `ModelSerializer.configurationProblems` lists them.
struct ImproperlyConfiguredField: SerializerField {
    var options: FieldOptions
    let message: String

    init(name: String, message: String) {
        options = FieldOptions(name: name, required: false)
        self.message = message
    }

    func runValidation(_ data: JSON?, context: FieldValidationContext) throws -> FieldValue? {
        throw SerializerConfigurationError(message)
    }

    func toInternalValue(_ data: JSON, context: FieldValidationContext) throws -> FieldValue {
        throw SerializerConfigurationError(message)
    }

    func representation(of instance: any FieldReadable, context: SerializerContext) throws -> JSON? {
        throw SerializerConfigurationError(message)
    }

    func toRepresentation(_ value: FieldValue, context: SerializerContext) throws -> JSON {
        throw SerializerConfigurationError(message)
    }
}
