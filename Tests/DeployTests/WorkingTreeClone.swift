import Foundation
import TestSupport

/// A `git clone` of this working tree (no network), with the tree's uncommitted changes laid
/// over it: the scripts under test are the ones being edited, as CI's clean tree has them.
enum WorkingTreeClone {
    static let source = NginxProcess.projectRoot

    /// Clones into `destination` (which must not exist) and returns it.
    @discardableResult
    static func make(at destination: String) throws -> String {
        // file:// and --depth 1: the last commit's files, copied (no hard links into this tree's
        // objects, which a chown of the clone would take from their owner), without the history.
        try TestUser.check(
            "git clone", Subprocess.run("/usr/bin/git", ["clone", "--quiet", "--depth", "1", "file://" + source, destination]))
        let changed = try TestUser.check(
            "git ls-files",
            Subprocess.run("/usr/bin/git", ["-C", source, "ls-files", "-z", "--modified", "--others", "--exclude-standard"]))
        for file in Set(changed.stdout.split(separator: "\0").map(String.init)) {
            let from = source + "/" + file, to = destination + "/" + file
            guard FileManager.default.fileExists(atPath: from) else { continue }  // deleted in the tree
            try FileManager.default.createDirectory(
                atPath: (to as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try? FileManager.default.removeItem(atPath: to)
            try FileManager.default.copyItem(atPath: from, toPath: to)
        }
        return destination
    }

    /// Copies the test build's api-server, migrate and api-admin into a folder of their own, for
    /// `SRF_BIN_DIR` (a release build of a fresh clone would take many minutes).
    static func prebuiltBinaries(at folder: String) throws -> String {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        for tool in ["api-server", "migrate", "api-admin"] {
            try FileManager.default.copyItem(atPath: TestEnvironment.executable(tool), toPath: folder + "/" + tool)
        }
        return folder
    }
}
