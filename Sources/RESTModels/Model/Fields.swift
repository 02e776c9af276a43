import PostgreSQL
import RESTFramework

/// A model's stored properties, each declared once, over its memberwise initializer: the
/// `columns` list and `init(row:)` come from it.
///
///     struct Note: Model {
///         var id: Int64, title: String, body: String, authorID: Int64, author: String, created: DateTime
///
///         static let tableName = "notes"
///         static let fields = Fields(
///             Note.init,  // the memberwise initializer: the fields follow the properties' order
///             Field("id", \.id), Field("title", \.title), Field("body", \.body),
///             Field("author_id", \.authorID, references: "users"),
///             // Read-only, computed in the same statement: no query per row.
///             .annotation("author", \.author, sql: "SELECT username FROM users WHERE users.id = notes.author_id"),
///             Field("created", \.created))
///     }
///
/// The memberwise initializer's signature makes the compiler check the list: a property left
/// out, one too many or one of another type does not compile. Two same-typed fields swapped, and
/// any disagreement with the table, are found by `ModelCheck` at startup.
///
/// Decoding a row costs what a hand-written `init(row:)` costs (docs/profile.md): what `decode`
/// walks per row is a pack of column positions only (trivially copyable: nothing to retain), the
/// names live apart for SQL and errors, and `decode` is `@inlinable`, so it is compiled for the
/// model where the model conforms.
public struct Fields<M, each V: StoredValue>: Sendable {
    /// The memberwise initializer.
    @usableFromInline let make: @Sendable (repeat each V) -> M
    /// Each field's position in the row of `SELECT <columns>`; -1 for a property that is not a column.
    @usableFromInline let slots: (repeat Slot<each V>)
    /// `columns[i].name`, for finding the columns of a row in another order.
    @usableFromInline let names: [String]
    /// The columns, in `SELECT` order (`Column<M>` once `M` is known to be a `Model`).
    let fieldColumns: [FieldColumn]
    /// Every field in declaration order, columns or not (what `ModelCheck` and relations read).
    public let declared: [DeclaredField<M>]

    public init(_ make: @escaping @Sendable (repeat each V) -> M, _ fields: repeat Field<M, each V>) {
        var columns: [FieldColumn] = []
        var declared: [DeclaredField<M>] = []
        for field in repeat each fields {
            declared.append(DeclaredField(field))
            if let column = field.column { columns.append(column) }
        }
        let counter = SlotCounter()
        self.make = make
        self.slots = (repeat counter.slot(for: each fields))
        self.names = columns.map(\.name)
        fieldColumns = columns
        self.declared = declared
    }

    /// The model of a row: by position when the row is the model's select list in order (every
    /// queryset's rows), else by name.
    @inlinable @inline(__always)
    public func decode(_ row: ModelRow) throws -> M {
        if row.layout != nil {
            // The model's columns start at `offset` (0, or past the owner's columns for a related
            // row `selectRelated` read in the same statement). A non-column's slot is ignored.
            let offset = row.offset
            return make(repeat try (each V).decodeStored(row.row, column: (each slots).column + offset))
        }
        return make(repeat try (each V).decodeStored(row.row, column: try position(of: (each slots).column, in: row)))
    }

    /// Where the column declared at `declared` is in a row whose columns are in another order.
    @usableFromInline
    func position(of declared: Int, in row: ModelRow) throws -> Int {
        declared < 0 ? declared : try row.column(named: names[declared])
    }
}

/// A field's place in a row: a position only, so that the pack `decode` walks copies nothing
/// that needs retaining.
public struct Slot<V>: Sendable {
    @usableFromInline init(column: Int) { self.column = column }

    @usableFromInline let column: Int
}

/// Numbers the columns of a `Fields` as its initializer walks them (once per model).
private final class SlotCounter {
    var next = 0

    func slot<M, V>(for field: Field<M, V>) -> Slot<V> {
        guard field.column != nil else { return Slot(column: -1) }
        defer { next += 1 }
        return Slot(column: next)
    }
}

/// One field of a `Fields` without its value type: its column's name (nil for a property that is
/// not a column), its key path and the property's Swift type. A relation may downcast the key
/// path to a `WritableKeyPath` to fill the property after the row is read.
public struct DeclaredField<M>: Sendable {
    public let name: String?
    public let keyPath: PartialKeyPath<M> & Sendable
    /// `String(describing: V.self)`: `Int64?`, for `ModelCheck`'s messages.
    public let valueType: String

    init<V>(_ field: Field<M, V>) {
        name = field.column?.name
        keyPath = field.keyPath
        valueType = String(describing: V.self)
    }

    /// `authorID` of `\Note.authorID`, as the runtime describes the key path.
    public var propertyName: String {
        let path = String(describing: keyPath)
        guard let dot = path.firstIndex(of: ".") else { return path }
        return String(path[path.index(after: dot)...])
    }
}

extension Fields: ModelDeclaration where M: Model {
    public var columns: [Column<M>] { fieldColumns.map(Column.init) }
}

/// What `Model` takes its `columns` and `init(row:)` from: `Fields`.
public protocol ModelDeclaration<DeclaredModel>: Sendable {
    associatedtype DeclaredModel: Model
    var columns: [Column<DeclaredModel>] { get }
    var declared: [DeclaredField<DeclaredModel>] { get }
    func decode(_ row: ModelRow) throws -> DeclaredModel
}

/// The declaration of a model that writes `columns` and `init(row:)` itself (custom decoding,
/// as Django's `from_db`): nothing to take them from.
public struct HandWrittenColumns: Sendable {
    public init() {}
}
