/// DRF's `Serializer.run_validation` and `to_internal_value`, and the shaping of its errors.
extension Serializer {
    /// Validates the whole input; validation failures become the errors object, anything else
    /// (a database failure) propagates.
    func runValidation(_ input: JSON) throws -> (data: ValidatedData, errors: JSONObject) {
        let key = context.nonFieldErrorsKey
        switch input {
        case .null:
            // DRF: the serializer's own "may not be null", reworded by `Serializer.errors`.
            return (ValidatedData(), JSONObject([(key, JSON.array([.string("No data provided")]))]))
        case .object(let object):
            let (attrs, fieldErrors) = try toInternalValue(object)
            if !fieldErrors.isEmpty { return (ValidatedData(), fieldErrors) }
            do {
                try runValidators(attrs)
                return (try validate(attrs), JSONObject())
            } catch let error as ValidationError {
                return (ValidatedData(), Self.serializerErrors(error.detail, nonFieldErrorsKey: key))
            }
        default:
            let message = "Invalid data. Expected a dictionary, but got \(input.pythonTypeName)."
            return (ValidatedData(), JSONObject([(key, JSON.array([.string(message)]))]))
        }
    }

    /// DRF's `run_validators` for the object: every validator runs and their messages are kept
    /// in order; an error that is an object of field errors stops at once (DRF re-raises dicts).
    func runValidators(_ attrs: ValidatedData) throws {
        let validators = Self.validators
        guard !validators.isEmpty else { return }
        let objectContext = ObjectValidationContext(
            instance: instance, partial: partial, serializerContext: context, fields: fields)
        var messages: [JSON] = []
        for validator in validators {
            do {
                try validator.validate(attrs, context: objectContext)
            } catch let error as ValidationError {
                switch error.detail {
                case .object: throw error
                case .array(let items): messages.append(contentsOf: items)
                default: messages.append(error.detail)
                }
            }
        }
        if !messages.isEmpty { throw ValidationError(.array(messages)) }
    }

    /// Each writable field in order: its value (or nothing) and its errors. Read-only and
    /// unknown keys are ignored.
    func toInternalValue(_ input: JSONObject) throws -> (ValidatedData, JSONObject) {
        var attrs = ValidatedData()
        var errors = JSONObject()
        // A form body: DRF's `request.data` is then a QueryDict (see `formListValue`).
        let form = context.request?.extensions[FormDataKey.self]
        for field in fields where !field.readOnly {
            let fieldContext = FieldValidationContext(
                fieldName: field.name, source: field.source, instance: instance,
                partial: partial, serializerContext: context)
            do {
                let data = form.flatMap { formListValue(of: field, in: $0) } ?? input[field.name]
                guard let value = try field.runValidation(data, context: fieldContext) else { continue }
                attrs[field.source] = try validateField(field.name, value: value)
            } catch let error as ValidationError {
                errors.append(field.name, Self.fieldErrors(error.detail))
            }
        }
        return (attrs, errors)
    }

    /// DRF's `get_value` for HTML form input, where it differs from the last value `data` shows:
    /// a to-many related field (`ManyRelatedField`) reads every value of its key (`tags=a&tags=b`
    /// is `["a", "b"]`, `tags=` is `[""]`), and a key the form lacks is an empty list, or nothing
    /// on a partial update. An empty value of another field is null when the field allows null,
    /// nothing when it is optional (forms cannot send null), unless the field allows blank text
    /// (`Field.get_value`). A boolean the form lacks is false (DRF's `default_empty_html`: an
    /// unchecked checkbox sends nothing), or nothing on a partial update. Nil: read `data` as it is.
    func formListValue(of field: any SerializerField, in form: QueryDict) -> JSON?? {
        if field is BooleanField, !form.contains(field.name) { return .some(partial ? nil : .bool(false)) }
        if let related = field as? any RelatedField, related.many {
            if partial && !form.contains(field.name) { return .some(nil) }
            return .some(.array(form.list(field.name).map(JSON.string)))
        }
        guard field.allowNull || !field.required, form[field.name] == "", !Self.allowsBlank(field) else { return nil }
        return .some(field.allowNull ? .null : nil)
    }

    private static func allowsBlank(_ field: any SerializerField) -> Bool {
        switch field {
        case let text as CharField: text.allowBlank
        case let email as EmailField: email.text.allowBlank
        case let url as URLField: url.text.allowBlank
        case let slug as SlugField: slug.text.allowBlank
        case let choice as ChoiceField: choice.allowBlank
        case let choices as MultipleChoiceField: choices.allowBlank
        default: false
        }
    }

    /// A field's errors are a list; a message thrown by a hook becomes a one-item list.
    static func fieldErrors(_ detail: JSON) -> JSON {
        switch detail {
        case .array, .object: return detail
        default: return [detail]
        }
    }

    /// DRF's `as_serializer_error`: an object keeps its keys (values made lists), a list or a
    /// message goes under the non-field key.
    static func serializerErrors(_ detail: JSON, nonFieldErrorsKey: String) -> JSONObject {
        switch detail {
        case .object(let object):
            return JSONObject(object.pairs.map { ($0.key, fieldErrors($0.value)) })
        case .array:
            return JSONObject([(nonFieldErrorsKey, detail)])
        default:
            return JSONObject([(nonFieldErrorsKey, JSON.array([detail]))])
        }
    }
}
