#if canImport(Glibc)
import Glibc
#endif

/// The path a `ProcessMaster` starts worker processes from, on every start and reload.
///
///     ExecutablePath.resolve("./api-server", directory: "/srv", searchPath: nil)  // "/srv/./api-server"
///
/// The path the master was started by, not `/proc/self/exe`: a deploy replaces the binary at
/// that path (or flips a `current` symlink), and a reload must run the new one. `/proc/self/exe`
/// names the file the master runs, which after such a deploy is the old binary (or gone).
/// Resolved once at start: a relative path against the directory the master started in, a bare
/// name through `PATH`, as the shell did.
enum ExecutablePath {
    @discardableResult
    static func resolve(_ argument: String, directory: String?, searchPath: String?) -> String? {
        if argument.hasPrefix("/") { return argument }
        if argument.contains("/") { return directory.map { $0 + "/" + argument } }
        for entry in (searchPath ?? "").split(separator: ":") {
            let candidate = entry + "/" + argument
            if access(candidate, X_OK) == 0 { return String(candidate) }
        }
        return nil
    }

    /// This process's own: `CommandLine.arguments[0]`, else what the kernel says it runs.
    static var current: String? {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let directory = getcwd(&buffer, buffer.count) != nil ? String(cString: buffer) : nil
        let searchPath = getenv("PATH").map { String(cString: $0) }
        if let resolved = resolve(CommandLine.arguments.first ?? "", directory: directory, searchPath: searchPath) {
            return resolved
        }
        let length = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        guard length > 0 else { return nil }
        buffer[length] = 0
        return String(cString: buffer)
    }
}
