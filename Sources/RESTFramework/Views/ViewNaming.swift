/// DRF's naming rules for views, shown by OPTIONS and the browsable API.
public enum ViewNaming {
    /// The class name without module or generic arguments.
    public static func className(of type: Any.Type) -> String {
        var name = String(describing: type)
        if let angle = name.firstIndex(of: "<") { name = String(name[..<angle]) }
        if let dot = name.lastIndex(of: ".") { name = String(name[name.index(after: dot)...]) }
        return name
    }

    /// `get_view_name`: strip `View` then `ViewSet`, camel case to words, title case, add suffix.
    ///
    ///     viewName(forClassName: "UserViewSet", suffix: "List")   // "User List"
    ///     viewName(forClassName: "APIRootView", suffix: nil)      // "Api Root"
    public static func viewName(forClassName className: String, suffix: String?) -> String {
        var name = className
        if name.hasSuffix("View") { name.removeLast(4) }
        if name.hasSuffix("ViewSet") { name.removeLast(7) }
        name = camelCaseToSpaces(name)
        if let suffix, !suffix.isEmpty { name += " " + suffix }
        return name
    }

    /// DRF's `camelcase_to_spaces`: a space before an upper-case letter that follows a lower-case
    /// one or that starts a new word, underscores to spaces, then Python's `str.title()`.
    public static func camelCaseToSpaces(_ text: String) -> String {
        let chars = Array(text)
        var out = ""
        for (i, c) in chars.enumerated() {
            if c.isUppercase {
                let afterLower = i > 0 && chars[i - 1].isLowercase
                let next: Character? = i + 1 < chars.count ? chars[i + 1] : nil
                let startsWord = next != nil && !(next!.isUppercase)
                if afterLower || startsWord { out.append(" ") }
            }
            out.append(c)
        }
        let spaced = out.trimmingCharacters(in: .whitespaces).split(separator: "_", omittingEmptySubsequences: false).joined(separator: " ")
        return pythonTitle(spaced)
    }

    /// Django's `pretty_name`: underscores to spaces, first letter upper, the rest lower
    /// (Python's `str.capitalize`). `"recent_users"` → `"Recent users"`.
    public static func prettyName(_ name: String) -> String {
        guard !name.isEmpty else { return "" }
        let spaced = name.replacingOccurrences(of: "_", with: " ")
        return spaced.prefix(1).uppercased() + spaced.dropFirst().lowercased()
    }

    /// Python's `str.title()`: upper-case the first letter of each run of letters, lower the rest.
    static func pythonTitle(_ text: String) -> String {
        var out = "", previousIsLetter = false
        for c in text {
            out += previousIsLetter ? c.lowercased() : c.uppercased()
            previousIsLetter = c.isLetter
        }
        return out
    }
}

import Foundation
