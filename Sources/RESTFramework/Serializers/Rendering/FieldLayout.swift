/// How the framework reads a row type's fields without looking each name up: a model hands out
/// a reader per column, and a serializer resolves its fields to them once per serializer class
/// and row type, then reads every row through them. Opaque to users (`FieldReadable.fieldLayout`
/// is nil for their own row types, which are read by name); the raw pointers stay in the package.
public struct FieldLayout: Sendable {
    package let source: any FieldLayoutSource

    package init(_ source: any FieldLayoutSource) { self.source = source }
}

/// What a row type with a layout tells the framework (the model layer's `ModelLayout` conforms).
package protocol FieldLayoutSource: Sendable {
    /// The type's name, for errors (`Note`).
    var typeName: String { get }
    /// The field names, in declaration order, for errors.
    var fieldNames: [String] { get }
    /// What `fieldValue(name)` reads, as a function of a pointer to an instance of the type;
    /// nil for a name `fieldValue` does not know. It must agree with `fieldValue(name)`.
    func reader(ofField name: String) -> FieldReader?
    /// For a name whose value can be missing on some rows (across a relation that may be
    /// empty): nil from the reader where `fieldValue(name)` is nil. Asked only for a name
    /// `reader(ofField:)` does not know.
    func partialReader(ofField name: String) -> PartialFieldReader?
}

extension FieldLayoutSource {
    package func partialReader(ofField name: String) -> PartialFieldReader? { nil }
}

/// Reads one field from a pointer to an instance of the type whose layout handed it out.
package typealias FieldReader = @Sendable (UnsafeRawPointer) -> FieldValue
/// A `FieldReader` whose value may be missing (nil), as `fieldValue(name)` may say.
package typealias PartialFieldReader = @Sendable (UnsafeRawPointer) -> FieldValue?
