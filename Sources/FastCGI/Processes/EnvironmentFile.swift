#if canImport(Glibc)
import Glibc
#endif

/// `--env-file`: the variables of a file in systemd's `EnvironmentFile=` syntax (`NAME=value`
/// lines; blank lines and lines starting with `#` or `;` skipped; a value in matching double or
/// single quotes is taken without them).
///
///     let variables = try EnvironmentFile.read("/etc/api-server.env")   // [("DATABASE_URL", "postgres://..."), ...]
///     let environment = EnvironmentFile.environment(setting: variables)  // "NAME=value" strings for posix_spawn
///
/// Why the master reads it itself: systemd reads its `EnvironmentFile=` once, when the service
/// starts, so after `systemctl reload` new worker processes would still get the environment of
/// the master's start. A `ProcessMaster` with `ServerConfiguration.environmentFile` reads the
/// file before each generation of workers (the first, and every SIGHUP), so a reload applies
/// the configuration on disk; a file that cannot be read or parsed abandons the reload.
enum EnvironmentFile {
    typealias Variable = (name: String, value: String)

    static func read(_ path: String) throws(ServerConfigurationError) -> [Variable] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw ServerConfigurationError("--env-file \(path): \(describe(errno: errno))") }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count >= 0 else { throw ServerConfigurationError("--env-file \(path): \(describe(errno: errno))") }
            if count == 0 { break }
            bytes += chunk.prefix(count)
            // An environment file is a few kB; anything near this is not one.
            guard bytes.count <= 1 << 20 else { throw ServerConfigurationError("--env-file \(path): larger than 1 MiB") }
        }
        return try parse(String(decoding: bytes, as: UTF8.self), path: path)
    }

    static func parse(_ text: String, path: String) throws(ServerConfigurationError) -> [Variable] {
        var variables: [Variable] = []
        let lines = text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" }
        for (index, raw) in lines.enumerated() {
            var line = raw
            while let first = line.first, first == " " || first == "\t" { line.removeFirst() }
            while let last = line.last, last == " " || last == "\t" || last == "\r" { line.removeLast() }
            let trimmed = String(line)
            if trimmed.isEmpty || trimmed.hasPrefix("#") || trimmed.hasPrefix(";") { continue }
            guard let equals = trimmed.firstIndex(of: "="), isName(trimmed[..<equals]) else {
                throw ServerConfigurationError("--env-file \(path), line \(index + 1): expected NAME=value, got '\(trimmed)'")
            }
            var value = Substring(trimmed[trimmed.index(after: equals)...])
            if value.count >= 2, let quote = value.first, quote == "\"" || quote == "'", value.last == quote {
                value = value.dropFirst().dropLast()
            }
            variables.append((String(trimmed[..<equals]), String(value)))
        }
        return variables
    }

    /// This process's environment with `variables` set over it, as `NAME=value` strings.
    static func environment(setting variables: [Variable]) -> [String] {
        var names = Set(variables.map(\.name))
        var result: [String] = []
        var entry = environ
        while let pointer = entry.pointee {
            let text = String(cString: pointer)
            let name = text.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? text
            if !names.contains(name) { result.append(text) }
            entry += 1
        }
        for variable in variables.reversed() where names.remove(variable.name) != nil {
            result.append("\(variable.name)=\(variable.value)")  // the last of a name wins, as in systemd
        }
        return result
    }

    /// A shell variable name: letters, digits and `_`, not starting with a digit.
    private static func isName(_ text: Substring) -> Bool {
        guard let first = text.utf8.first, !(UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first) else { return false }
        return text.utf8.allSatisfy { byte in
            byte == UInt8(ascii: "_") || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
                || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
        }
    }
}
