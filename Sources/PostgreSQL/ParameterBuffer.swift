/// The encoded parameters of one statement, in the shape `PQexecParams`/`PQexecPrepared` take.
///
/// One per connection and reused: the byte storage and the arrays keep their capacity, so a
/// steady stream of statements allocates nothing here. All values live in one byte array, each
/// followed by a NUL; their C pointers are taken only while libpq is called.
final class ParameterBuffer {
    private var bytes: [UInt8] = []
    /// Start of each value in `bytes`, or -1 for NULL.
    private var offsets: [Int] = []
    private(set) var types: [UInt32] = []
    private var pointers: [UnsafePointer<CChar>?] = []

    init() {
        bytes.reserveCapacity(1024)
    }

    var count: Int { offsets.count }

    /// Encodes `parameters`, or throws a client error (NUL in text) before anything is sent.
    func encode(_ parameters: [any PostgresEncodable]) throws {
        bytes.removeAll(keepingCapacity: true)
        offsets.removeAll(keepingCapacity: true)
        types.removeAll(keepingCapacity: true)
        for (index, parameter) in parameters.enumerated() {
            let start = bytes.count
            let writer = PostgresParameterWriter(buffer: self, parameterNumber: index + 1)
            try parameter.encode(into: writer)
            types.append(type(of: parameter).postgresDataType.rawValue)
            if isNull {
                isNull = false
                bytes.removeSubrange(start...)
                offsets.append(-1)
            } else {
                bytes.append(0)
                offsets.append(start)
            }
        }
    }

    // MARK: Writing (through PostgresParameterWriter)

    fileprivate var isNull = false

    fileprivate func append(_ byte: UInt8) { bytes.append(byte) }

    fileprivate func append(contentsOf string: String, parameterNumber: Int) throws {
        let start = bytes.count
        bytes.append(contentsOf: string.utf8)
        // PostgreSQL text cannot hold NUL, and libpq would silently cut the value there.
        let hasNUL = bytes.withUnsafeBufferPointer { buffer in
            buffer[start...].contains(0)
        }
        if hasNUL {
            throw PostgresError(kind: .client,
                                message: "parameter $\(parameterNumber) contains a NUL character, which PostgreSQL text cannot store")
        }
    }

    fileprivate func append(_ integer: Int64) {
        if integer < 0 { bytes.append(UInt8(ascii: "-")) }
        var magnitude = integer.magnitude
        let start = bytes.count
        repeat {
            bytes.append(UInt8(ascii: "0") + UInt8(magnitude % 10))
            magnitude /= 10
        } while magnitude > 0
        bytes[start...].reverse()
    }

    // MARK: Calling libpq

    /// Calls `body` with the count, type OIDs and C value pointers of the encoded parameters.
    func withCParameters<R>(_ body: (Int32, UnsafePointer<UInt32>?, UnsafePointer<UnsafePointer<CChar>?>?) throws -> R) rethrows -> R {
        try bytes.withUnsafeBufferPointer { storage in
            pointers.removeAll(keepingCapacity: true)
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
        buffer.isNull = true
    }
}
