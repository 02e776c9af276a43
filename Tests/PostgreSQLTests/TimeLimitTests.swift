import PostgreSQL
import Foundation
import Synchronization
import TestSupport
import Testing

extension PostgreSQLIntegration {
    /// The time limits every connection gets by default, and how a URL overrides them.
    @Suite struct TimeLimits {
        @Test func defaultsAreA30SecondStatementTimeoutA2SecondConnectTimeoutAndKeepalives() throws {
            try withDatabase { connection, _ throws in
                #expect(try connection.value("SHOW statement_timeout", as: String.self) == "30s")
                #expect(connection.connectionOption("connect_timeout") == "2")
                #expect(connection.connectionOption("keepalives") == "1")
                #expect(connection.connectionOption("keepalives_idle") == "30")
                #expect(connection.connectionOption("keepalives_interval") == "10")
                #expect(connection.connectionOption("keepalives_count") == "3")
                // The session's own settings still apply.
                #expect(try connection.value("SHOW TimeZone", as: String.self) == "UTC")
                #expect(connection.statementDeadline == .seconds(35))
            }
        }

        @Test func theURLWinsOverEachDefault() throws {
            let database = try TemporaryDatabase()
            defer { database.drop() }
            let url =
                database.url + "&connect_timeout=7&keepalives_idle=61"
                + "&options=-c%20statement_timeout%3D5s%20-c%20lock_timeout%3D1s"
            let connection = try Connection(url: url)
            #expect(try connection.value("SHOW statement_timeout", as: String.self) == "5s")
            #expect(try connection.value("SHOW lock_timeout", as: String.self) == "1s")
            #expect(connection.connectionOption("connect_timeout") == "7")
            #expect(connection.connectionOption("keepalives_idle") == "61")
            #expect(connection.connectionOption("keepalives_interval") == "10")
            #expect(try connection.value("SHOW TimeZone", as: String.self) == "UTC")
            #expect(connection.statementDeadline == .seconds(10))
        }

        @Test func theGraceIsSettableInTheURLsOptionsAndNoTimeoutMeansNoDeadline() throws {
            let database = try TemporaryDatabase()
            defer { database.drop() }
            // A custom setting (the server keeps it and ignores it): the same `options` carry it.
            let graced = try Connection(url: database.url + "&options=-c%20srf.statement_grace%3D250ms")
            #expect(graced.statementDeadline == .milliseconds(30_250))
            #expect(try graced.value("SHOW srf.statement_grace", as: String.self) == "250ms")
            let unlimited = try Connection(url: database.url + "&options=-c%20statement_timeout%3D0")
            #expect(unlimited.statementDeadline == nil)
            var configuration = PostgresConfiguration(url: database.url)
            configuration.statementGrace = nil
            #expect(try Connection(configuration: configuration).statementDeadline == nil)
            configuration.url += "&options=-c%20srf.statement_grace%3Dsoon"
            #expect(postgresError { _ = try Connection(configuration: configuration) }?.kind == .client)
        }

        @Test func nilLeavesEachToTheServerOrLibpq() throws {
            try withDatabase(configure: {
                $0.statementTimeout = nil; $0.connectTimeout = nil; $0.keepalives = nil
            }) { connection, _ throws in
                #expect(try connection.value("SHOW statement_timeout", as: String.self) == "0")
                #expect(connection.connectionOption("connect_timeout") == nil)
                #expect(connection.connectionOption("keepalives_idle") == nil)
                #expect(connection.statementDeadline == nil)
            }
        }
    }

    /// A database that goes away, with a shared `DatabaseAvailability`: fail at once, probe in
    /// the background, report once, recover.
    @Suite struct Availability {
        @Test func whileDownEveryCallFailsAtOnceAndOneProbeFindsTheServerAgain() throws {
            let cluster = try PrivateCluster.shared()
            let events = Mutex<[DatabaseAvailability.Event]>([])
            let availability = DatabaseAvailability { event in events.withLock { $0.append(event) } }
            let configuration = PostgresConfiguration(url: cluster.url, availability: availability)
            let connection = try Connection(configuration: configuration)
            #expect(try connection.value("SELECT 1", as: Int.self) == 1)

            try cluster.stop()
            var running = false
            defer { if !running { try? cluster.start() } }
            let clock = ContinuousClock()
            let stopped = clock.now

            // The first call finds the outage (one failed reconnect); the others fail without
            // trying, and so does a new connection.
            for _ in 0..<50 {
                #expect(postgresError { try connection.query("SELECT 1") }?.isConnectionLost == true)
            }
            #expect(postgresError { _ = try Connection(configuration: configuration) }?.isConnectionLost == true)
            #expect(!availability.isAvailable)
            #expect(events.withLock { $0.count } == 1)
            guard case .unavailable(let cause)? = events.withLock({ $0.first }) else {
                Issue.record("expected an unavailable event, got \(events.withLock { $0 })")
                return
            }
            #expect(cause.contains("failed") && !cause.contains("\n"), "\(cause)")

            // The background probe keeps trying (every 250 ms) without reporting again.
            Thread.sleep(forTimeInterval: 0.8)
            #expect(events.withLock { $0.count } == 1)

            try cluster.start()
            running = true
            let started = clock.now
            #expect(waitUntil(timeout: 3) { availability.isAvailable })
            #expect(clock.now - started < .milliseconds(1500))
            #expect(try connection.value("SELECT 2", as: Int.self) == 2)

            let outage = clock.now - stopped
            let recorded = events.withLock { $0 }
            // (An `.unavailable` for "the database system is starting up" may come in between.)
            #expect(recorded.filter { if case .restored = $0 { true } else { false } }.count == 1, "\(recorded)")
            guard case .restored(let after, let failedAttempts)? = recorded.last else {
                Issue.record("expected a restored event, got \(recorded)")
                return
            }
            #expect(after <= outage)
            // One failed reconnect, then at most one probe per 250 ms: not one per call.
            let probes = Int(outage / .milliseconds(250)) + 2
            #expect(failedAttempts >= 2 && failedAttempts <= probes, "\(failedAttempts) attempts in \(outage)")
        }
    }
}
