import PostgreSQL
import RESTFramework

/// One worker's way to the read replicas: its connection to each (opened on first need), a
/// round-robin counter, and the choice made for the request it serves. The process's
/// `ReplicaSet` says which replicas are healthy; the client's read-after-write position
/// (`ReadAfterWrite`) says which of them are recent enough.
///
///     let router = ReadReplicaRouter(replicas: replicas, readAfterWrite: ReadAfterWrite(secretKey: key))
///     router.beginRequest()
///     request.readRouting = router
///
/// Not `Sendable`: its connections belong to the worker's thread.
public final class ReadReplicaRouter: ReadRouting {
    public let replicas: ReplicaSet
    public let readAfterWrite: ReadAfterWrite
    private var connections: [Connection?]
    private var next = 0
    /// This request's choice: `.none` until made; `.some(nil)` for the primary.
    private var chosen: Connection??

    public init(replicas: ReplicaSet, readAfterWrite: ReadAfterWrite) {
        self.replicas = replicas
        self.readAfterWrite = readAfterWrite
        connections = Array(repeating: nil, count: replicas.replicas.count)
    }

    /// Forgets the previous request's choice.
    public func beginRequest() { chosen = nil }

    /// The replica connection this request reads from, nil for the primary. Chosen once per
    /// request: its reads see one replica, not a mix.
    public func replica(for request: Request, primary: Connection) -> Connection? {
        if let chosen { return chosen }
        let choice = choose(for: request, primary: primary)
        chosen = .some(choice)
        return choice
    }

    private func choose(for request: Request, primary: Connection) -> Connection? {
        let position = readAfterWrite.position(in: request)
        var tried = 0
        while tried < connections.count, let index = replicas.choose(seeing: position, from: next) {
            tried += 1
            next = index &+ 1
            if let connection = connections[index] { return connection }
            do {
                let connection = try Connection.replica(of: primary, in: replicas, index: index)
                connections[index] = connection
                return connection
            } catch {
                replicas.markDown(index, cause: "\(error)")
            }
        }
        return nil
    }

    /// After a request that wrote (an unsafe method, or `readsFromPrimary`, answered below
    /// 400): the headers that carry the primary's position to the client (`Set-Cookie` and
    /// `SRF-LSN`), so that its next read waits for a replica that has it. Empty for other
    /// requests, or when the primary cannot say (read-after-write then rests on the lag limit).
    public func readAfterWriteHeaders(after request: Request, status: Int, primary: Connection?) -> [(String, String)] {
        guard status < 400, !request.method.isSafe || request.readsFromPrimary, let primary, !primary.isInTransaction,
            let position = try? primary.currentWALInsertPosition()
        else { return [] }
        let signed = readAfterWrite.value(for: position)
        return [("Set-Cookie", readAfterWrite.cookie(signed: signed)), (ReadAfterWrite.headerName, signed)]
    }
}
