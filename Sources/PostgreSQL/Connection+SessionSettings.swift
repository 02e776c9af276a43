import CLibPQ
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The session settings the decoders depend on, checked once per connection from what the
/// server reported at startup (ParameterStatus: no round trip).
///
/// Why: a direct session gets them from the startup `options` (`ConnectionParameters`), but a
/// transaction pooler sends no `options` on (`PoolMode.transaction`), and one told to ignore
/// them drops them silently. Timestamps in another time zone or dates in another style would
/// then decode wrong, or not at all, on some requests; refusing the connection with the fix
/// says so at once. PgBouncer reports the values its server connections will have
/// (`TimeZone`, `DateStyle` and `client_encoding` it tracks and sets per client).
extension Connection {
    func checkSessionSettings() throws {
        var wrong: [String] = []
        func expect(_ name: String, _ wanted: String, _ accepts: (String) -> Bool) {
            let value = PQparameterStatus(handle, name).map { String(cString: $0) }
            if let value, accepts(value) { return }
            wrong.append("\(name) is \(value.map { "\"\($0)\"" } ?? "not reported"), needs \(wanted)")
        }
        expect("TimeZone", "UTC") { Self.utcZoneNames.contains($0) }
        expect("DateStyle", "ISO") { $0.hasPrefix("ISO") }
        expect("IntervalStyle", "postgres") { $0 == "postgres" }
        expect("client_encoding", "UTF8") { $0 == "UTF8" }
        guard !wrong.isEmpty else { return }
        let fix =
            configuration.poolMode == .transaction
            ? "through a transaction pooler the server's own settings apply: set them on the role (ALTER ROLE ... SET TimeZone = 'UTC') or on the database's line in pgbouncer.ini (timezone=UTC datestyle=ISO)"
            : "the startup options did not reach the server (a pooler that ignores `options`? use DATABASE_POOL_MODE=transaction)"
        throw PostgresError(
            kind: .client, message: "session settings the client depends on are wrong: \(wrong.joined(separator: "; ")); \(fix)")
    }

    /// Zones whose timestamptz text ends in `+00`, as the decoder expects.
    private static let utcZoneNames: Set<String> = [
        "UTC", "Etc/UTC", "UCT", "Etc/UCT", "Universal", "Etc/Universal", "Zulu", "Etc/Zulu", "GMT", "Etc/GMT", "GMT0", "Etc/GMT0",
        "Greenwich", "Etc/Greenwich",
    ]

    /// Closes the socket so that the next use reconnects (and checks again), as after a
    /// failed check on a re-established session.
    func dropSession() {
        shutdown(PQsocket(handle), Int32(SHUT_RDWR))
        _ = PQconsumeInput(handle)
        lastAnswered = .min
    }
}
