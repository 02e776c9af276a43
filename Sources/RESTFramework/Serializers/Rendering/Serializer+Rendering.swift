/// The engine behind `Serializer.toRepresentation`: each field writes itself as compact JSON
/// into one buffer, so a response copies the row's bytes as they are, with no tree of members to
/// build, walk and free per row. The fields are worked out once per class (`DeclaredFields`),
/// and a model's values are read through its column readers rather than by name (`FieldLayout`).
extension Serializer {
    func renderRow(_ instance: any FieldReadable) throws -> JSON {
        let table = rendering.readableFields ?? makeReadableFields()
        let readable = table.fields
        let context = rendering.frozenContext ?? freezeContext(nesting: table.nestsSerializers)
        var out: [UInt8] = []
        out.reserveCapacity(rendering.sizeHint)
        out.append(UInt8(ascii: "{"))
        // Read in place: copying each (name, field) out of the array went through the runtime's
        // generic value witnesses, for every field of every row.
        let instanceType = type(of: instance)
        if rendering.rowReadersType != ObjectIdentifier(instanceType) {
            rendering.rowReaders = table.readers(for: instanceType)
            rendering.rowReadersType = ObjectIdentifier(instanceType)
        }
        let stopped = try withFieldPointer(to: instance) { pointer in
            try readable.withUnsafeBufferPointer { fields in
                try rendering.rowReaders.withUnsafeBufferPointer { readers in
                    try Self.writeMembers(fields, readers, pointer, of: instance, context: context.value, into: &out)
                }
            }
        }
        out.append(UInt8(ascii: "}"))
        if let (index, value) = stopped {
            // A value that cannot be kept as bytes: this object is made of pairs, as before.
            var object = JSONObject(uniquePairs: RenderedJSON.members(of: out))
            object.append(readable[index].name, value)
            for field in readable[(index + 1)...] {
                if let value = try field.field.representation(of: instance, context: context.value) {
                    object.append(field.name, value)
                }
            }
            return .object(object)
        }
        rendering.sizeHint = out.count + out.count / 4
        return .object(JSONObject(rendered: out))
    }

    /// The loop of `renderRow`, apart: inside the closure, the captured instance was copied (an
    /// existential box copy and destroy) for every field of every row.
    /// Stops at a field whose value cannot be kept rendered: its index and value.
    private static func writeMembers(
        _ fields: UnsafeBufferPointer<ReadableField>, _ readers: UnsafeBufferPointer<RowReader>,
        _ pointer: UnsafeRawPointer, of instance: any FieldReadable,
        context: SerializerContext, into out: inout [UInt8]
    ) throws -> (Int, JSON)? {
        for i in fields.indices {
            let mark = out.count
            if mark > 1 { out.append(UInt8(ascii: ",")) }
            out.append(contentsOf: fields[i].key)
            do {
                // As `writeStandardRepresentation`, with the value read through the type's
                // reader; a field without one reads by name (and handles a missing value).
                if let read = readers[i].read, let writeValue = fields[i].writeValue {
                    let value = read(pointer)
                    if case .null = value {
                        out.append(contentsOf: "null".utf8)
                    } else {
                        try writeValue(value, context, &out)
                    }
                } else if let read = readers[i].readPartial, let writeValue = fields[i].writeValue, let value = read(pointer) {
                    // Across a relation: a present value as above; a missing one (an empty
                    // relation) takes the field's missing-value rules by name, below.
                    if case .null = value {
                        out.append(contentsOf: "null".utf8)
                    } else {
                        try writeValue(value, context, &out)
                    }
                } else if try !fields[i].write(instance, context, &out) {
                    out.removeLast(out.count - mark)
                }
            } catch let unrenderable as UnrenderableValue {
                out.removeLast(out.count - mark)
                return (i, unrenderable.value)
            }
        }
        return nil
    }

    private func freezeContext(nesting: Bool) -> FrozenContext {
        var value = context
        if nesting { value.nestedChildren = NestedChildren() }
        let frozen = FrozenContext(value: value)
        rendering.frozenContext = frozen
        return frozen
    }

    private func makeReadableFields() -> ReadableFieldTable {
        let readable =
            rendering.fieldsAreDeclared
            ? DeclaredFields.readable(of: type(of: self))
            : ReadableFieldTable(DeclaredFields.readable(in: fields))
        rendering.readableFields = readable
        return readable
    }
}

/// The instance's storage, for the readers a `FieldLayout` hands out (opened from the
/// existential: no copy).
private func withFieldPointer<T: FieldReadable, R>(to instance: T, _ body: (UnsafeRawPointer) throws -> R) rethrows -> R {
    try withUnsafePointer(to: instance) { try body(UnsafeRawPointer($0)) }
}
