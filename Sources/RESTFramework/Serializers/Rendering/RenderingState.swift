/// What a serializer instance keeps between the rows it represents, so that a list (one
/// serializer for every row) works each of these out once, never per row.
struct RenderingState {
    /// The fields `toRepresentation` writes, with their names: the class's, shared by every
    /// instance, until this instance adjusts `fields`; then this instance's own.
    var readableFields: ReadableFieldTable?
    var fieldsAreDeclared = true
    /// `rowReaders[i]` reads readable field `i`'s source from an instance of `rowReadersType`
    /// (through its `FieldLayout`), or is nil: the field reads by name. Looked up on the first
    /// row of a type (a list's rows are alike), resolved once per serializer class and type.
    var rowReaders: [RowReader] = []
    var rowReadersType: ObjectIdentifier?
    /// The capacity a row's buffer reserves: from the last row written, with room to spare, so
    /// the buffer is not grown step by step.
    var sizeHint = 256
    /// `context` as it is passed to every field: a `let` in a box is lent as it is, where the
    /// serializer's `var` was copied (a retain and a release per member) for every row.
    var frozenContext: FrozenContext?

    mutating func fieldsChanged() {
        readableFields = nil
        fieldsAreDeclared = false
        rowReadersType = nil
    }

    mutating func contextChanged() { frozenContext = nil }
}

final class FrozenContext {
    let value: SerializerContext
    init(value: SerializerContext) { self.value = value }
}
