import RESTFramework

/// A `ModelSerializer` class's inferred fields, and its unique-together validators, worked out
/// on first use and kept for the process (a class's declaration does not change; validation reads
/// `validators` on every request, which must not re-run the inference).
final class ModelSerializerDeclaration: Sendable {
    let fields: [any SerializerField]
    let problems: [String]

    private init(fields: [any SerializerField], problems: [String]) {
        self.fields = fields
        self.problems = problems
    }

    /// The inferred fields (`declaredFields` alone without `modelFields`), and the problems.
    static func of<M: Model>(_ type: ModelSerializer<M>.Type) -> ModelSerializerDeclaration {
        unsafeDowncast(declarations.object(for: type) { make(type) }, to: ModelSerializerDeclaration.self)
    }

    /// The validators from the class's `fields` (its own when it overrides them), and their problems.
    static func validators<M: Model>(_ type: ModelSerializer<M>.Type) -> ModelSerializerValidators {
        unsafeDowncast(
            validatorSets.object(for: type) {
                var problems: [String] = []
                let validators = ModelFieldInference<M>.uniqueTogetherValidators(
                    fields: type.fields, serializerName: String(describing: type), problems: &problems)
                return ModelSerializerValidators(validators: validators, problems: problems)
            }, to: ModelSerializerValidators.self)
    }

    private static func make<M: Model>(_ type: ModelSerializer<M>.Type) -> ModelSerializerDeclaration {
        guard let selection = type.modelFields else { return ModelSerializerDeclaration(fields: type.declaredFields, problems: []) }
        // DRF's assertions on `Meta.depth`, as problems; the depth used is kept within them.
        var depthProblems: [String] = []
        if type.depth < 0 { depthProblems.append("'depth' may not be negative.") }
        if type.depth > 10 { depthProblems.append("'depth' may not be greater than 10.") }
        let inference = ModelFieldInference<M>(
            serializerName: String(describing: type), selection: selection, declared: type.declaredFields,
            readOnlyFields: type.readOnlyFields, extraKwargs: type.extraKwargs, depth: min(max(type.depth, 0), 10),
            hyperlinked: type is any HyperlinkedInference.Type, isNested: type is any NestedInference.Type)
        let (fields, problems) = inference.fields()
        return ModelSerializerDeclaration(fields: fields, problems: depthProblems + problems)
    }

    private static let declarations = SnapshotCache<ObjectIdentifier, any AnyObject & Sendable>()
    private static let validatorSets = SnapshotCache<ObjectIdentifier, any AnyObject & Sendable>()
}

/// A `ModelSerializer` class's `UniqueTogetherValidator`s (see `ModelSerializerDeclaration`).
final class ModelSerializerValidators: Sendable {
    let validators: [any ObjectValidator]
    let problems: [String]

    init(validators: [any ObjectValidator], problems: [String]) {
        self.validators = validators
        self.problems = problems
    }
}
