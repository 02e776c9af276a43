import Foundation
import Synchronization
import Testing
import TestSupport

/// A request list against the DRF reference alone, for requests api-server cannot answer yet
/// (part 2, `WireRequests.projects`): every answer must be below 500, and two runs, each on its
/// own copy of the seeded database, must answer alike (compared as `WireComparisonTests` compares
/// the two sides, masks included). That holds the DRF side and the seed to what the comparison
/// will need: no request that crashes DRF, none whose answer depends on chance (ties in an
/// ordering, random keys left unmasked).
///
///     SRF_WIRE_REPORT=/tmp/part2.txt Tests/run --filter WireReferenceTests   # every answer, for reading
@Suite(.needsTestsRun) struct WireReferenceTests {
    @Test func partTwoRequestsAnswerBelow500AndAlikeTwice() throws {
        let started = Date()
        let requests = WireRequests.projects
        let seeded = try TemporaryDatabase.migrated(prefix: "wire2_seed")
        defer { seeded.drop() }
        try seeded.psql(WireSeed.sql + WireSeed.projectsSQL)
        // The copies first (a template may have one reader at a time), then both runs at once.
        let copies = try (1...2).map { _ in try TemporaryDatabase(prefix: "wire2_drf", template: seeded) }
        defer { copies.forEach { $0.drop() } }
        let outcomes = Mutex<[Int: Result<Run, any Error>]>([:])
        DispatchQueue.concurrentPerform(iterations: copies.count) { index in
            let outcome = Result { try Self.run(requests, on: copies[index]) }
            outcomes.withLock { $0[index] = outcome }
        }
        let runs = try outcomes.withLock { done in try (0..<copies.count).map { try done[$0]?.get() ?? Run(answers: [], log: "") } }
        for (index, run) in runs.enumerated() {
            #expect(run.answers.count == requests.count, "run \(index + 1) answered \(run.answers.count) requests")
            #expect(!run.log.contains("Traceback"), "the DRF reference logged an error in run \(index + 1): \(run.log)")
        }
        guard runs.allSatisfy({ $0.answers.count == requests.count }) else { return }
        let (first, second) = (runs[0].answers, runs[1].answers)

        var report: [String] = []
        var problems = 0
        for (index, request) in requests.enumerated() {
            let (one, two) = (first[index], second[index])
            report.append("#\(index) \(request.label)\n  \(one.status) \(one.text)")
            var found = WireComparison.differences(request, ours: one, drf: two, names: ("run 1", "run 2"))
            if one.status >= 500 { found.insert("DRF answered \(one.status): \(one.text.prefix(300))", at: 0) }
            guard !found.isEmpty else { continue }
            problems += 1
            report.append("  PROBLEM\n  " + found.joined(separator: "\n  "))
            Issue.record(Comment(rawValue: "#\(index) \(request.label)\n  " + found.joined(separator: "\n  ")))
        }
        let summary =
            "\(requests.count) part-2 requests sent to DRF twice, \(problems) with a problem, "
            + String(format: "%.1f s", Date().timeIntervalSince(started))
        report.append(summary)
        if let path = ProcessInfo.processInfo.environment["SRF_WIRE_REPORT"] {
            try report.joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
        }
        print("WireReferenceTests: \(summary)")
    }

    struct Run: Sendable {
        var answers: [RawHTTPClient.Response]
        var log: String
    }

    /// DRF's answers, serving `database`, to `requests` in order, and gunicorn's log.
    static func run(_ requests: [WireRequest], on database: TemporaryDatabase) throws -> Run {
        let drf = try DRFReferenceServer(databaseURL: database.url)
        defer { drf.stop() }
        let nginx = try NginxProcess(httpSocket: drf.socketPath)
        defer { nginx.stop() }
        let side = WireSide(name: "DRF", port: nginx.port)
        let answers = try requests.map { try side.send($0).response }
        return Run(answers: answers, log: drf.child.log)
    }
}
