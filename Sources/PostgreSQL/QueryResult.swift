import CLibPQ
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The rows a statement returned, read in place from libpq's result (freed with the last
/// reference to it).
///
///     let result = try connection.query("SELECT id, username FROM users ORDER BY id")
///     for row in result {
///         let id = try row[0, as: Int64.self]
///         let name = try row["username", as: String.self]
///     }
///     result.rowsAffected   // for INSERT/UPDATE/DELETE
public final class QueryResult: RandomAccessCollection {
    let handle: OpaquePointer
    /// libpq copies the connection's notice processor into each result and may call it (for an
    /// out-of-range access); holding the log keeps its pointer valid if the result outlives the
    /// connection.
    private let noticeLog: NoticeLog
    /// Number of rows.
    public let count: Int
    public let columnCount: Int

    init(handle: OpaquePointer, noticeLog: NoticeLog) {
        self.handle = handle
        self.noticeLog = noticeLog
        count = Int(PQntuples(handle))
        columnCount = Int(PQnfields(handle))
    }

    deinit { PQclear(handle) }

    public var startIndex: Int { 0 }
    public var endIndex: Int { count }

    public subscript(position: Int) -> Row {
        precondition(position >= 0 && position < count, "row \(position) out of range (\(count) rows)")
        return Row(result: self, index: position)
    }

    /// Rows inserted, updated, deleted (or selected, moved, copied); 0 for other commands.
    public var rowsAffected: Int {
        Int(String(cString: PQcmdTuples(handle))) ?? 0
    }

    /// The command tag, e.g. `INSERT 0 1`, `UPDATE 3`, `SELECT 2`.
    public var commandTag: String { String(cString: PQcmdStatus(handle)) }

    public func columnName(_ column: Int) -> String {
        checkColumn(column)
        return String(cString: PQfname(handle, Int32(column)))
    }

    public var columnNames: [String] { (0..<columnCount).map(columnName) }

    public func columnType(_ column: Int) -> PostgresDataType {
        checkColumn(column)
        return PostgresDataType(rawValue: PQftype(handle, Int32(column)))
    }

    /// The index of the column named exactly `name` (case-sensitive; first match), or nil.
    public func columnIndex(named name: String) -> Int? {
        // A strcmp per column beats building a dictionary for the few columns a row has.
        name.withCString { wanted in
            (0..<columnCount).first { strcmp(PQfname(handle, Int32($0)), wanted) == 0 }
        }
    }

    private func checkColumn(_ column: Int) {
        precondition(column >= 0 && column < columnCount, "column \(column) out of range (\(columnCount) columns)")
    }

    /// `row` and `column` must be in range (callers check).
    @usableFromInline
    func value(row: Int, column: Int) -> PostgresValue {
        let length = Int(PQgetlength(handle, Int32(row), Int32(column)))
        // NULL has length 0: only then is it worth asking.
        if length == 0 && PQgetisnull(handle, Int32(row), Int32(column)) != 0 {
            return PostgresValue(bytes: nil, result: handle, column: Int32(column))
        }
        let start = PQgetvalue(handle, Int32(row), Int32(column))
        return PostgresValue(bytes: UnsafeRawBufferPointer(start: start, count: length), result: handle, column: Int32(column))
    }
}

/// The result is immutable once libpq hands it over, but it is tied to a connection owned by
/// one thread; keep it there too.
@available(*, unavailable)
extension QueryResult: Sendable {}
