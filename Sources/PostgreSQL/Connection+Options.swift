import CLibPQ
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension Connection {
    /// The value libpq settled on for a connection keyword (`connect_timeout`,
    /// `keepalives_idle`, ...) after our defaults, the URL and the `PG*` environment: what an
    /// operator's setting actually became. nil when unset.
    public func connectionOption(_ keyword: String) -> String? {
        guard let options = PQconninfo(handle) else { return nil }
        defer { PQconninfoFree(options) }
        var option = options
        while let name = option.pointee.keyword {
            if strcmp(name, keyword) == 0 { return option.pointee.val.map { String(cString: $0) } }
            option += 1
        }
        return nil
    }
}
