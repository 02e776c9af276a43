/// drf-spectacular's operation ids: the path's literal segments after the common prefix
/// (`/api`), `-` as `_`, then the action's verb: `list` (a list GET), `retrieve`, `create`,
/// `update`, `partial_update`, `destroy`.
///
///     let id = OperationID.make(path: "/api/projects/{id}/archive/", prefix: "/api", method: .post, isList: false)
///     // "projects_archive_create"
public enum OperationID {
    public static func make(path: String, prefix: String, method: HTTPMethod, isList: Bool) -> String {
        var tokens = pathTokens(path, prefix: prefix)
        tokens.append(verb(method, isList: isList))
        return tokens.joined(separator: "_")
    }

    /// The literal segments after `prefix`, parameters left out.
    static func pathTokens(_ path: String, prefix: String) -> [String] {
        let rest = path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
        return rest.split(separator: "/").filter { !$0.hasPrefix("{") }.map { $0.replacingOccurrences(of: "-", with: "_") }
    }

    public static func verb(_ method: HTTPMethod, isList: Bool) -> String {
        switch method {
        case .get, .head: return isList ? "list" : "retrieve"
        case .post: return "create"
        case .put: return "update"
        case .patch: return "partial_update"
        case .delete: return "destroy"
        default: return method.lowercased
        }
    }

    /// drf-spectacular's automatic `SCHEMA_PATH_PREFIX`: the longest run of whole segments all
    /// paths share (`/api`), none when there is one path or none.
    ///
    ///     let prefix = OperationID.commonPrefix(["/api/users/", "/api/users/{pk}/", "/api/auth-token/"])   // "/api"

    public static func commonPrefix(_ paths: [String]) -> String {
        guard paths.count > 1 else { return "" }
        var common = paths[0].split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        for path in paths.dropFirst() {
            let segments = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
            var shared = 0
            while shared < common.count, shared < segments.count, common[shared] == segments[shared] { shared += 1 }
            common = Array(common.prefix(shared))
        }
        // A parameter is never part of the prefix, nor a resource's own segment (an API of one
        // viewset keeps its name in the ids: `gadgets_list`).
        if let parameter = common.firstIndex(where: { $0.hasPrefix("{") }) { common = Array(common[..<parameter]) }
        if !common.isEmpty, paths.contains(where: { $0 == "/" + common.joined(separator: "/") + "/" }) { common.removeLast() }
        return common.isEmpty ? "" : "/" + common.joined(separator: "/")
    }
}
