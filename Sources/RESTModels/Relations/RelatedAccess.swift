import RESTFramework

/// How a page's rows reach their to-one related instances, per row: storing a joined row's
/// instance into its owner while decoding (`selectRelated`), and reading a field through it
/// while rendering (`source="project.account.name"`).
///
/// Made by `@inlinable` functions, so its closures are compiled in the module that declares the
/// relation, for its concrete types: the owner's property is written and read at its offset,
/// with no `any Model` box, cast, key path projection or generic metadata lookup per row. Made
/// in this module's generic code instead, the relations benchmark's 100-row page spent about
/// a fifth of its instructions on those (docs/profile.md, "Relations: the responder").
@usableFromInline
struct RelatedAccess: Sendable {
    /// `read` applied to the related instance of the owner at the pointer, into `value`; false
    /// (with `value` untouched) when there is none or it was not read.
    let readThrough: @Sendable (UnsafeRawPointer, @Sendable (UnsafeRawPointer) -> FieldValue?, inout FieldValue?) -> Bool
    /// Decodes the related row, lets `fill` store the related instance's own related rows in it,
    /// then stores it in the owner at the pointer.
    let decodeInto: @Sendable (ModelRow, UnsafeMutableRawPointer, (UnsafeMutableRawPointer) throws -> Void) throws -> Void

    @usableFromInline
    init(
        readThrough: @escaping @Sendable (UnsafeRawPointer, @Sendable (UnsafeRawPointer) -> FieldValue?, inout FieldValue?) -> Bool,
        decodeInto: @escaping @Sendable (ModelRow, UnsafeMutableRawPointer, (UnsafeMutableRawPointer) throws -> Void) throws -> Void
    ) {
        self.readThrough = readThrough
        self.decodeInto = decodeInto
    }

    /// For a `ForeignKey<T>` or `ForeignKey<T>?` property of `M`.
    @inlinable
    static func forward<M: Model, V: ForeignKeyValue>(_ keyPath: WritableKeyPath<M, V> & Sendable) -> RelatedAccess {
        // A stored property of a struct has an offset; anything else goes through the key path.
        if let offset = MemoryLayout<M>.offset(of: keyPath) {
            return RelatedAccess(
                readThrough: { owner, read, value in
                    owner.advanced(by: offset).assumingMemoryBound(to: V.self).pointee.withLoadedInstance(read, into: &value)
                },
                decodeInto: { row, owner, fill in
                    var related = try V.Target(row: row)
                    try withUnsafeMutablePointer(to: &related) { try fill(UnsafeMutableRawPointer($0)) }
                    owner.advanced(by: offset).assumingMemoryBound(to: V.self).pointee = V(loaded: related)
                })
        }
        return RelatedAccess(
            readThrough: { owner, read, value in
                owner.assumingMemoryBound(to: M.self).pointee[keyPath: keyPath].withLoadedInstance(read, into: &value)
            },
            decodeInto: { row, owner, fill in
                var related = try V.Target(row: row)
                try withUnsafeMutablePointer(to: &related) { try fill(UnsafeMutableRawPointer($0)) }
                owner.assumingMemoryBound(to: M.self).pointee[keyPath: keyPath] = V(loaded: related)
            })
    }
}
