import Foundation

#if canImport(Glibc)
import Glibc
#endif

extension Migration {
    /// Creates the next migration file of `directory` (made if missing): `NNNN_name.sql`, one
    /// past the highest number there, four digits at least. Returns its path. The name is
    /// refused unless it is lowercase letters, digits and underscores (at most 80), so that
    /// every file name sorts, reads and quotes the same everywhere.
    ///
    ///     try Migration.create(named: "add_notes_index", in: "migrations")   // "migrations/0003_add_notes_index.sql"
    @discardableResult
    public static func create(named name: String, in directory: String) throws -> String {
        guard isValidName(name) else { throw MigrationError.invalidName(name) }
        if !FileManager.default.fileExists(atPath: directory) {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        }
        let next = (try load(from: directory).map(\.number).max() ?? 0) + 1
        let digits = String(next)
        let path = directory + "/" + String(repeating: "0", count: max(0, 4 - digits.count)) + digits + "_" + name + ".sql"
        let contents = Array("-- \(name): runs once, in a transaction of its own, after the files numbered before it.\n".utf8)
        // O_EXCL: never over an existing file (two `migrate new` at once).
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        guard descriptor >= 0 else {
            if errno == EEXIST { throw MigrationError.fileExists(path) }
            throw MigrationError.unreadable(file: path, reason: "cannot be created: " + String(cString: strerror(errno)))
        }
        defer { close(descriptor) }
        let written = contents.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
        guard written == contents.count else { throw MigrationError.unreadable(file: path, reason: "cannot be written") }
        return path
    }

    /// `add_notes_index`: lowercase ASCII letters, digits, underscores; 1 to 80 of them.
    public static func isValidName(_ name: String) -> Bool {
        (1...80).contains(name.utf8.count)
            && name.utf8.allSatisfy { byte in
                (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                    || byte == UInt8(ascii: "_")
            }
    }
}
