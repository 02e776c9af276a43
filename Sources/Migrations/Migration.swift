import Foundation

/// One SQL file of the migrations folder: `NNNN_name.sql`, applied in order of its number.
///
///     let migrations = try Migration.load(from: "migrations")
///     migrations.map(\.name)   // ["0001_initial.sql", "0002_add_notes_index.sql"]
public struct Migration: Sendable, Equatable {
    /// The leading number, which orders the files.
    public let number: Int
    /// The file name, which is what `schema_migrations` records.
    public let name: String
    /// The SQL sent to the server (the file's text, without a byte order mark).
    public let sql: String
    /// SHA-256 of the file's bytes, lowercase hex.
    public let checksum: String

    public init(name: String, contents: [UInt8]) throws {
        guard let number = Self.number(inFileName: name) else {
            throw MigrationError.invalidFileName(name)
        }
        guard var text = String(validating: contents, as: UTF8.self) else {
            throw MigrationError.unreadable(file: name, reason: "not valid UTF-8")
        }
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        self.number = number
        self.name = name
        self.sql = text
        checksum = SHA256.hex(contents)
    }

    /// The migrations in `directory`, sorted by number. Files not ending in `.sql` are ignored;
    /// a `.sql` file that is not `NNNN_name.sql`, or two files with one number, are refused
    /// rather than guessed about.
    public static func load(from directory: String) throws -> [Migration] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw MigrationError.directoryNotFound(directory)
        }
        let names = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".sql") }
        var migrations: [Migration] = []
        for name in names {
            guard let data = FileManager.default.contents(atPath: directory + "/" + name) else {
                throw MigrationError.unreadable(file: name, reason: "cannot be read")
            }
            migrations.append(try Migration(name: name, contents: [UInt8](data)))
        }
        migrations.sort { ($0.number, $0.name) < ($1.number, $1.name) }
        for (previous, next) in zip(migrations, migrations.dropFirst()) where previous.number == next.number {
            throw MigrationError.duplicateNumber(previous.name, next.name)
        }
        return migrations
    }

    /// The number of `0012_add_index.sql`, or nil if the name does not have that shape.
    static func number(inFileName name: String) -> Int? {
        guard name.hasSuffix(".sql"), let underscore = name.firstIndex(of: "_") else { return nil }
        let digits = name[..<underscore]
        let label = name[name.index(after: underscore)..<name.index(name.endIndex, offsetBy: -4)]
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }), !label.isEmpty else { return nil }
        return Int(digits)
    }
}
