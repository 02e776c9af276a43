import Foundation
import Synchronization

/// Records the statements querysets run inside `capture` (Django's
/// `CaptureQueriesContext`/`assertNumQueries`): the way to prove a page costs a fixed number of
/// queries. Scoped by a task local, so parallel tests each see only their own statements; where
/// nothing captures, recording costs one task-local read.
///
///     let (page, statements) = try QueryCapture.capture { try api.handle(request) }
///     #expect(statements.count == 2)   // count(*) + one SELECT
public final class QueryCapture: @unchecked Sendable {
    // @unchecked: `recorded` is only read and written while holding `lock`.
    @TaskLocal private static var scoped: QueryCapture?

    /// How many `capture` calls are running, in any task: while none is, `current` is nil
    /// without reading the task local, which every statement would otherwise pay.
    private static let active = Atomic<Int>(0)

    static var current: QueryCapture? {
        active.load(ordering: .relaxed) == 0 ? nil : scoped
    }

    private let lock = NSLock()
    private var recorded: [String] = []

    init() {}

    /// The SQL texts run so far, in order.
    public var statements: [String] { lock.withLock { recorded } }

    func record(_ sql: String) { lock.withLock { recorded.append(sql) } }

    /// Runs `body` and returns its result with the statements querysets ran meanwhile.
    public static func capture<T>(_ body: () throws -> T) rethrows -> (T, [String]) {
        let capture = QueryCapture()
        active.add(1, ordering: .relaxed)
        defer { active.subtract(1, ordering: .relaxed) }
        let result = try $scoped.withValue(capture) { try body() }
        return (result, capture.statements)
    }
}
