/// An HTTP method, compared by its upper-case name.
///
///     let method = HTTPMethod("patch")   // .patch
///     method.isSafe                       // false
public struct HTTPMethod: Hashable, Sendable, CustomStringConvertible, ExpressibleByStringLiteral {
    public let rawValue: String

    public init(_ name: String) {
        // A method nearly always arrives upper-case ASCII: then it is its own upper case.
        rawValue =
            name.utf8.allSatisfy({ $0 < 0x80 && !($0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z")) })
            ? name : name.uppercased()
    }
    public init(stringLiteral value: String) { self.init(value) }

    public static let get = HTTPMethod("GET")
    public static let post = HTTPMethod("POST")
    public static let put = HTTPMethod("PUT")
    public static let patch = HTTPMethod("PATCH")
    public static let delete = HTTPMethod("DELETE")
    public static let head = HTTPMethod("HEAD")
    public static let options = HTTPMethod("OPTIONS")
    public static let trace = HTTPMethod("TRACE")

    /// DRF's `SAFE_METHODS`.
    public var isSafe: Bool { self == .get || self == .head || self == .options }

    /// The lower-case name DRF uses as a handler name and in action maps (`'get'`, `'post'`).
    public var lowercased: String { rawValue.lowercased() }

    public var description: String { rawValue }

    /// The order DRF lists methods in an `Allow` header (Django's `http_method_names`).
    public static let allowOrder: [HTTPMethod] = [.get, .post, .put, .patch, .delete, .head, .options, .trace]

    /// Sorts methods into `allowOrder`; methods outside it go last, alphabetically.
    public static func sortedForAllow(_ methods: some Sequence<HTTPMethod>) -> [HTTPMethod] {
        let unique = Set(methods)
        var result = allowOrder.filter { unique.contains($0) }
        result += unique.subtracting(allowOrder).sorted { $0.rawValue < $1.rawValue }
        return result
    }
}
