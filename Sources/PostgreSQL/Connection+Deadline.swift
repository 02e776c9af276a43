import CLibPQ
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Every statement is sent with a `PQsend*` call and its results are awaited here, no longer
/// than the session's `StatementDeadline`: what `PQexec*` does inside libpq (send, wait in
/// `poll`, read, parse), with a finite wait. The same syscalls per statement: one send, one
/// `poll`, one read.
///
/// The send itself is libpq's blocking send: it could block on a frozen server only once the
/// socket's send buffer is full, and the statements here (SQL text or a prepared name and bound
/// parameters, a few kB at most) fit in it with room to spare.
extension Connection {
    /// How long a statement may go without a word from the server before the session is
    /// closed and the statement fails as lost: `statement_timeout` plus
    /// `PostgresConfiguration.statementGrace` (35 s by default); nil: no limit.
    public var statementDeadline: Duration? { parameters.statementDeadline?.duration }

    /// The last result of the statement just sent, as `PQexec` returns it. `sent` is what the
    /// `PQsend*` call returned: on 0 (not sent) nil, for which `checked` reports `PQerrorMessage`.
    func awaitResult(sent: Int32) throws -> OpaquePointer? {
        guard sent == 1 else { return nil }
        var last: OpaquePointer?
        while let result = try nextResult() {
            if let last { PQclear(last) }
            last = result
            let status = PQresultStatus(result)
            if status == PGRES_COPY_IN || status == PGRES_COPY_OUT || status == PGRES_COPY_BOTH
                || PQstatus(handle) == CONNECTION_BAD
            {
                break
            }
        }
        return last
    }

    /// `PQgetResult`, after waiting for the server no longer than the deadline.
    func nextResult() throws -> OpaquePointer? {
        try awaitInput()
        return PQgetResult(handle)
    }

    /// Returns once libpq has a whole result (or an error) to hand out. The deadline counts
    /// silence: it starts again whenever the server sends something (a long result arriving
    /// in pieces is a server at work).
    private func awaitInput() throws {
        guard let deadline = parameters.statementDeadline, PQisBusy(handle) == 1 else { return }
        let socket = PQsocket(handle)
        guard socket >= 0 else { return }  // PQgetResult reports the lost connection
        var descriptor = pollfd(fd: socket, events: Int16(POLLIN), revents: 0)
        var waitingSince = Self.coarseMilliseconds()
        var remaining = deadline.milliseconds
        while true {
            descriptor.revents = 0
            let ready = poll(&descriptor, 1, remaining)
            if ready > 0 {
                // Not 1: the connection failed, and PQgetResult hands out that error.
                guard PQconsumeInput(handle) == 1, PQisBusy(handle) == 1 else { return }
                waitingSince = Self.coarseMilliseconds()
                remaining = deadline.milliseconds
            } else if ready < 0 {
                // A signal (api-server wakes its workers with one at shutdown): wait out the rest.
                guard errno == EINTR else { return }
                let waited = Self.coarseMilliseconds() - waitingSince
                remaining = Int32(clamping: Int64(deadline.milliseconds) - waited)
                if remaining <= 0 { throw abandonSession(after: deadline) }
            } else {
                throw abandonSession(after: deadline)
            }
        }
    }

    /// The server said nothing for the whole deadline. The session cannot take another
    /// statement (the server may still be in the middle of this one, and will answer it if it
    /// wakes), so it is closed and the next statement reconnects, through
    /// `DatabaseAvailability` when the configuration has one: a server that is frozen as a
    /// whole then fails that connect within `connect_timeout` and is marked down for every
    /// worker. No `PQcancel`: it opens a connection to the postmaster and waits for it to
    /// answer without a time limit, and a frozen postmaster never does. A server that wakes up
    /// finds the session gone, and its own `statement_timeout` ends the statement.
    private func abandonSession(after deadline: StatementDeadline) -> PostgresError {
        // libpq's next read then sees end of file at once: it closes the socket itself and
        // marks the session bad, which is what `ensureUsable` reconnects (PQreset also clears
        // the unfinished statement and pipeline state).
        shutdown(PQsocket(handle), Int32(SHUT_RDWR))
        _ = PQconsumeInput(handle)
        lastAnswered = .min
        let seconds = Double(deadline.milliseconds) / 1000
        return PostgresError.connectionLost(
            "the server did not answer within \(seconds) s (statement_timeout plus \(StatementDeadline.graceSetting)); the session was closed"
        )
    }
}
