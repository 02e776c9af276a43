#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The encoded parameters of one statement, in the shape `PQexecParams`/`PQexecPrepared` take.
///
/// One per connection and reused: the byte storage and the arrays keep their capacity, so a
/// steady stream of statements allocates nothing here. All values live in one byte array, each
/// followed by a NUL; their C pointers are taken only while libpq is called.
final class ParameterBuffer {
    /// Everything in one allocation reached through a `let` pointer: each access to a class's
    /// `var` is checked for exclusivity at run time, and a statement took several. Accesses
    /// never overlap: each method's access ends before it returns, and the
    /// buffer belongs to one connection, used by one thread at a time.
    private let storage: UnsafeMutablePointer<Storage>

    init() {
        storage = .allocate(capacity: 1)
        storage.initialize(to: Storage())
    }

    deinit {
        storage.deinitialize(count: 1)
        storage.deallocate()
    }

    var count: Int { storage.pointee.offsets.count }

    /// Encodes `parameters`, or throws a client error (NUL in text) before anything is sent.
    func encode(_ parameters: [any PostgresEncodable]) throws {
        storage.pointee.removeAll()
        var number = 0
        for parameter in parameters {
            number += 1
            let start = storage.pointee.bytes.count
            try parameter.encode(into: PostgresParameterWriter(buffer: self, parameterNumber: number))
            storage.pointee.endParameter(startingAt: start, type: type(of: parameter).postgresDataType.rawValue)
        }
    }

    // MARK: Writing (through PostgresParameterWriter)

    fileprivate func append(_ byte: UInt8) { storage.pointee.bytes.append(byte) }

    fileprivate func append(contentsOf string: String, parameterNumber: Int) throws {
        // PostgreSQL text cannot hold NUL, and libpq would silently cut the value there.
        if Self.containsNUL(string) {
            throw PostgresError(
                kind: .client,
                message: "parameter $\(parameterNumber) contains a NUL character, which PostgreSQL text cannot store")
        }
        storage.pointee.append(string)
    }

    fileprivate func append(_ integer: Int64) { storage.pointee.append(integer) }

    fileprivate func setNull() { storage.pointee.isNull = true }

    /// A `memchr` over the string's bytes where they are contiguous (always, for native strings).
    static func containsNUL(_ text: String) -> Bool {
        text.utf8.withContiguousStorageIfAvailable { bytes in
            guard let base = bytes.baseAddress else { return false }
            return memchr(base, 0, bytes.count) != nil
        } ?? text.utf8.contains(0)
    }

    // MARK: Calling libpq

    /// Calls `body` with the count, type OIDs and C value pointers of the encoded parameters.
    func withCParameters<R>(_ body: (Int32, UnsafePointer<UInt32>?, UnsafePointer<UnsafePointer<CChar>?>?) throws -> R) rethrows -> R {
        try storage.pointee.withCParameters(body)
    }

    private struct Storage {
        var bytes: [UInt8] = []
        /// Start of each value in `bytes`, or -1 for NULL.
        var offsets: [Int] = []
        var types: [UInt32] = []
        var pointers: [UnsafePointer<CChar>?] = []
        var isNull = false

        init() {
            bytes.reserveCapacity(1024)
        }

        mutating func removeAll() {
            bytes.removeAll(keepingCapacity: true)
            offsets.removeAll(keepingCapacity: true)
            types.removeAll(keepingCapacity: true)
            isNull = false
        }

        mutating func endParameter(startingAt start: Int, type: UInt32) {
            types.append(type)
            if isNull {
                isNull = false
                bytes.removeSubrange(start...)
                offsets.append(-1)
            } else {
                bytes.append(0)
                offsets.append(start)
            }
        }

        mutating func append(_ string: String) {
            var string = string
            // withUTF8 hands over the bytes in one piece: a memcpy instead of a byte loop.
            string.withUTF8 { bytes.append(contentsOf: $0) }
        }

        mutating func append(_ integer: Int64) {
            // Digits into a stack buffer from the right, then one append.
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
                var magnitude = integer.magnitude
                var first = 20
                repeat {
                    first -= 1
                    digits[first] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                    magnitude /= 10
                } while magnitude > 0
                if integer < 0 {
                    first -= 1
                    digits[first] = UInt8(ascii: "-")
                }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: digits[first...]))
            }
        }

        mutating func withCParameters<R>(_ body: (Int32, UnsafePointer<UInt32>?, UnsafePointer<UnsafePointer<CChar>?>?) throws -> R)
            rethrows -> R
        {
            pointers.removeAll(keepingCapacity: true)
            return try bytes.withUnsafeBufferPointer { storage in
                let base = UnsafeRawPointer(storage.baseAddress)
                for offset in offsets {
                    pointers.append(offset < 0 ? nil : base.map { ($0 + offset).assumingMemoryBound(to: CChar.self) })
                }
                return try types.withUnsafeBufferPointer { typeArray in
                    try pointers.withUnsafeBufferPointer { valueArray in
                        try body(Int32(offsets.count), typeArray.baseAddress, valueArray.baseAddress)
                    }
                }
            }
        }
    }
}

/// Where a `PostgresEncodable` value writes its text form.
///
///     extension UserID: PostgresEncodable {
///         static var postgresDataType: PostgresDataType { .int8 }
///         func encode(into writer: PostgresParameterWriter) throws { writer.write(rawValue) }
///     }
public struct PostgresParameterWriter {
    fileprivate let buffer: ParameterBuffer
    /// 1-based, as in `$1`; used in error messages.
    public let parameterNumber: Int

    /// Appends text; throws a client error if it contains NUL.
    public func write(_ text: String) throws {
        try buffer.append(contentsOf: text, parameterNumber: parameterNumber)
    }

    /// Appends an integer in decimal, without going through `String`.
    public func write(_ integer: Int64) {
        buffer.append(integer)
    }

    /// Appends ASCII bytes the caller has checked (no NUL).
    func writeASCII(_ byte: UInt8) {
        buffer.append(byte)
    }

    /// Makes this parameter SQL NULL; anything written is discarded.
    public func writeNull() {
        buffer.setNull()
    }
}
