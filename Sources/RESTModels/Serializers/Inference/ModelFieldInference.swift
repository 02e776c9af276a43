import RESTFramework

/// DRF's `ModelSerializer.get_fields` and `get_validators`: a serializer's fields from its
/// model's declaration, its `modelFields`, `readOnlyFields` and `extraKwargs`, and its declared
/// fields (which win, placed in the `modelFields` order). Worked out once per serializer class.
///
/// A mistake in the declaration (a name the model does not have, a declared field left out of
/// `modelFields`, a column type without a field class) is a `problem`: its field answers every
/// use with a `SerializerConfigurationError` saying the fix (a 500, as DRF's `ImproperlyConfigured`),
/// and `ModelSerializer.configurationProblems` lists them for a startup check or a test.
struct ModelFieldInference<M: Model> {
    let serializerName: String
    let selection: ModelFieldSelection
    let declared: [any SerializerField]
    let readOnlyFields: [String]
    let extraKwargs: [String: ExtraKwargs]
    /// DRF's `Meta.depth`: relations nest this many levels.
    var depth = 0
    /// `HyperlinkedModelSerializer`: `url` instead of the primary key, relations as links.
    var hyperlinked = false
    /// A nested serializer of `depth` (only read): a relation without a declared target is read-only.
    var isNested = false
    let model = ModelDescription<M>()

    /// The fields, in order, and what was wrong.
    func fields() -> (fields: [any SerializerField], problems: [String]) {
        var problems: [String] = []
        let names = fieldNames(&problems)
        let extra = uniquenessExtraKwargs(names: names, extra: allExtraKwargs())
        var fields: [any SerializerField] = []
        var seen = Set<String>()
        for name in names where seen.insert(name).inserted {
            if let field = declared.first(where: { $0.name == name }) {
                fields.append(field)
                continue
            }
            let extraKwargs = extra[name] ?? ExtraKwargs()
            var source = extraKwargs.source ?? name
            if source == "*" { source = name }
            if depth > 0, let nested = nestedField(name: name, source: source) {
                fields.append(nested)
                continue
            }
            guard var kwargs = buildKwargs(name: name, source: source, problems: &problems) else {
                fields.append(ImproperlyConfiguredField(name: name, message: problems[problems.count - 1]))
                continue
            }
            kwargs.include(extraKwargs)
            if isNested, case .relation = kwargs.kind, kwargs.lookup == nil { kwargs.readOnly = true }
            if case .relation = kwargs.kind, kwargs.readOnly != true, kwargs.lookup == nil {
                let message =
                    "Field `\(name)` of \(serializerName) is the foreign key \(kwargs.source ?? name) of \(M.modelName) "
                    + "without a declared relation: declare `.foreignKey(\"\(name)\", ...)` in \(M.modelName).relations, "
                    + "or make the field read-only."
                problems.append(message)
                fields.append(ImproperlyConfiguredField(name: name, message: message))
                continue
            }
            guard let field = ModelFieldMapping.field(kwargs) else {
                var type = "?"
                if case .column(let columnType) = kwargs.kind { type = String(describing: columnType) }
                if kwargs.choices != nil { type += ", with choices" }
                let message =
                    "Field `\(name)` of \(serializerName): no serializer field for \(M.modelName)'s column "
                    + "`\(source)` (\(type)) yet; declare the field in `declaredFields`."
                problems.append(message)
                fields.append(ImproperlyConfiguredField(name: name, message: message))
                continue
            }
            fields.append(field)
        }
        return (fields, problems)
    }

    // MARK: Names (DRF's get_field_names)

    func fieldNames(_ problems: inout [String]) -> [String] {
        switch selection {
        case .fields(let names):
            for field in declared where !names.contains(field.name) {
                problems.append(
                    "The field '\(field.name)' was declared on serializer \(serializerName), but has not been included "
                        + "in the 'fields' option.")
            }
            return names
        case .all:
            return defaultNames
        case .exclude(let excluded):
            var names = defaultNames
            for name in excluded {
                if declared.contains(where: { $0.name == name }) {
                    problems.append(
                        "Cannot both declare the field '\(name)' and include it in the \(serializerName) 'exclude' option.")
                } else if !names.contains(name) {
                    problems.append(
                        "The field '\(name)' was included on serializer \(serializerName) in the 'exclude' option, "
                            + "but does not match any model field.")
                }
                names.removeAll { $0 == name }
            }
            return names
        }
    }

    /// DRF's `get_default_field_names`: the primary key (`url` when hyperlinked), the declared
    /// fields, the model's fields.
    var defaultNames: [String] {
        let modelNames = model.defaultFieldNames
        if hyperlinked {
            return ["url"] + declared.map { $0.name } + modelNames.dropFirst(model.primaryKey == nil ? 0 : 1)
        }
        return Array(modelNames.prefix(model.primaryKey == nil ? 0 : 1)) + declared.map { $0.name }
            + modelNames.dropFirst(model.primaryKey == nil ? 0 : 1)
    }

    // MARK: Kwargs (DRF's get_extra_kwargs, get_uniqueness_extra_kwargs)

    /// `extraKwargs` with `readOnly: true` for each of `readOnlyFields`.
    func allExtraKwargs() -> [String: ExtraKwargs] {
        var all = extraKwargs
        for name in readOnlyFields { all[name, default: ExtraKwargs()].readOnly = true }
        return all
    }

    /// The fields of each unique-together set the serializer covers become required, or take
    /// the column's default (null for a nullable column, "" for a blank text), as DRF 3.18.3
    /// makes them; the user's `extraKwargs` still win.
    func uniquenessExtraKwargs(names: [String], extra: [String: ExtraKwargs]) -> [String: ExtraKwargs] {
        // Model field → serializer field name, for the fields that map to one.
        var modelFields: [String: String] = [:]
        for name in names {
            let source = declared.first { $0.name == name }?.source ?? extra[name]?.source ?? name
            guard source != "*", !source.contains("."), let column = model.columnName(of: source) else { continue }
            modelFields[column] = modelFields[column] ?? name
        }
        var result = extra
        for set in M.uniqueTogether {
            let columns = set.compactMap { model.columnName(of: $0) }
            guard columns.count == set.count, columns.allSatisfy({ modelFields[$0] != nil }) else { continue }
            for column in columns {
                guard let name = modelFields[column], !declared.contains(where: { $0.name == name }),
                    let stored = model.column(named: column)
                else { continue }
                var uniqueness = ExtraKwargs()
                if let value = stored.options.defaultValue {
                    uniqueness.defaultValue = .value(value)
                } else if stored.options.hasDefault {
                    uniqueness.required = false
                } else if stored.isNullable {
                    uniqueness.defaultValue = .value(.null)
                } else if stored.options.blank && stored.type == .text {
                    // DRF 3.18.3: Django saves an omitted blank text as "", so that is the default.
                    uniqueness.defaultValue = .value(.string(""))
                } else {
                    uniqueness.required = true
                }
                result[name] = uniqueness.updated(with: extra[name] ?? ExtraKwargs())
            }
        }
        return result
    }

    // MARK: One field (DRF's build_field, get_field_kwargs, get_relation_kwargs)

    func buildKwargs(name: String, source: String, problems: inout [String]) -> ModelFieldKwargs? {
        var kwargs: ModelFieldKwargs
        if let column = model.column(named: source) {
            // An annotation, or a key column by its own name, is read-only (DRF's property field).
            let isStandard = column.isWritable && !model.isKeyColumn(column)
            kwargs = isStandard ? standardKwargs(name: name, column: column) : ModelFieldKwargs(kind: .property, name: name)
        } else if let relation = model.relation(named: source) {
            kwargs = relationKwargs(name: name, relation: relation)
        } else if source == "url" {
            kwargs = ModelFieldKwargs(kind: .url(viewName: M.modelName.lowercased() + "-detail"), name: name)
        } else {
            problems.append("Field name `\(name)` is not valid for model `\(M.modelName)` in `\(serializerName)`.")
            return nil
        }
        if source != name { kwargs.source = source }
        return kwargs
    }

    /// DRF's `get_field_kwargs` (and `build_standard_field`'s pruning for choices).
    func standardKwargs(name: String, column: Column<M>) -> ModelFieldKwargs {
        var kwargs = ModelFieldKwargs(kind: .column(column.type), name: name)
        let options = column.options
        let isAuto = column.name == model.primaryKey && (column.type == .int || column.type == .smallint || options.hasDefault)
        kwargs.label = label(name: name, column: column, isAuto: isAuto)
        kwargs.helpText = options.helpText
        if column.choices == nil {
            kwargs.maxDigits = options.maxDigits
            kwargs.decimalPlaces = options.decimalPlaces
        }
        if column.isNullable { kwargs.allowNull = true }
        kwargs.choices = column.choices
        if isAuto || !options.editable {
            kwargs.readOnly = true
            return kwargs
        }
        if options.hasDefault || options.blank || column.isNullable { kwargs.required = false }
        if options.blank && column.type == .text { kwargs.allowBlank = true }
        if column.choices == nil, let range = options.integerRange, column.type == .int || column.type == .smallint {
            kwargs.maxValue = .int(range.upperBound)
            kwargs.minValue = .int(range.lowerBound)
        }
        if column.choices == nil, column.type == .text, let maxLength = options.maxLength { kwargs.maxLength = maxLength }
        var validators = options.validators
        if options.isUnique { validators.append(uniqueValidator(column)) }
        if !validators.isEmpty { kwargs.validators = validators }
        return kwargs
    }

    /// DRF's `build_nested_field`: the relation at `source` (forward, reverse or many-to-many)
    /// rendered by a serializer of its target with all its fields and one level less, read-only,
    /// `many` for a to-many relation. nil when `source` is no declared relation.
    func nestedField(name: String, source: String) -> (any SerializerField)? {
        guard model.column(named: source) == nil, let relation = ModelLayout.of(M.self).relation(named: source) else { return nil }
        return NestedSerializerField(
            name, relation.nestedSerializer(depth - 1, hyperlinked), many: relation.isToMany,
            source: source == name ? nil : source, readOnly: true)
    }

    /// DRF's `get_relation_kwargs` for a foreign key or one-to-one.
    func relationKwargs(name: String, relation: ModelDescription<M>.ForwardRelation) -> ModelFieldKwargs {
        var kwargs = ModelFieldKwargs(kind: .relation, name: name)
        if hyperlinked, let info = relation.info {
            kwargs.kind = .hyperlinkedRelation(viewName: info.targetModelName().lowercased() + "-detail")
            kwargs.queryset = info.targetQueryset()
        }
        kwargs.source = relation.column.name
        kwargs.lookup = relation.lookup
        let options = relation.column.options
        let verbose = options.verboseName ?? relation.name.replacingOccurrences(of: "_", with: " ")
        if let label = Self.neededLabel(verbose: verbose, name: name) { kwargs.label = label }
        kwargs.helpText = options.helpText
        if !options.editable {
            kwargs.readOnly = true
            kwargs.lookup = nil
        }
        if relation.isNullable { kwargs.allowNull = true }
        if kwargs.readOnly == true { return kwargs }
        if options.hasDefault || options.blank || relation.isNullable { kwargs.required = false }
        var validators = options.validators
        if options.isUnique { validators.append(uniqueValidator(relation.column)) }
        if !validators.isEmpty { kwargs.validators = validators }
        return kwargs
    }

    /// DRF's `needs_label`: a label only when the verbose name says more than the field's name
    /// (the automatic primary key's "ID").
    func label(name: String, column: Column<M>, isAuto: Bool) -> String? {
        let verbose =
            column.options.verboseName
            ?? (isAuto && column.name == "id" ? "ID" : column.name.replacingOccurrences(of: "_", with: " "))
        return Self.neededLabel(verbose: verbose, name: name)
    }

    static func neededLabel(verbose: String, name: String) -> String? {
        let label = ModelDescription<M>.capfirst(verbose)
        return label == FieldOptions.label(forName: name) ? nil : label
    }

    /// Django's unique message: "tag with this slug already exists.", or the column's own.
    func uniqueValidator(_ column: Column<M>) -> UniqueValidator<M> {
        let field = column.options.verboseName ?? column.name.replacingOccurrences(of: "_", with: " ")
        // DRF fills Django's message with the verbose names as they are: no capital.
        let message = column.options.uniqueMessage ?? "\(ModelDescription<M>.verboseName) with this \(field) already exists."
        return UniqueValidator(M.objects, column: column.name, message: message)
    }

    // MARK: Validators (DRF's get_unique_together_validators)

    /// A `UniqueTogetherValidator` for each unique-together set whose every column some writable
    /// field (or a read-only one with a default) writes, named by those fields.
    static func uniqueTogetherValidators(
        fields: [any SerializerField], serializerName: String, problems: inout [String]
    ) -> [any ObjectValidator] {
        let model = ModelDescription<M>()
        var byColumn: [String: [String]] = [:]
        for field in fields where (!field.readOnly || field.options.defaultValue != nil) {
            guard field.source != "*", !field.source.contains("."), let column = model.columnName(of: field.source) else { continue }
            byColumn[column, default: []].append(field.name)
        }
        var validators: [any ObjectValidator] = []
        for set in M.uniqueTogether {
            let columns = set.compactMap { model.columnName(of: $0) }
            guard columns.count == set.count, columns.allSatisfy({ byColumn[$0] != nil }) else { continue }
            if let shared = columns.first(where: { byColumn[$0]!.count > 1 }) {
                problems.append(
                    "Unable to create `UniqueTogetherValidator` for `\(M.modelName).\(shared)` as `\(serializerName)` has "
                        + "multiple fields (\(byColumn[shared]!.joined(separator: ", "))) that map to this model field. "
                        + "Either remove the extra fields, or override `validators` with a `UniqueTogetherValidator` "
                        + "using the desired field names.")
                continue
            }
            validators.append(UniqueTogetherValidator(M.objects, fields: columns.map { byColumn[$0]![0] }))
        }
        return validators
    }
}
