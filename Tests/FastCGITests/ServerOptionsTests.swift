import ArgumentParser
import Testing
@testable import FastCGI

/// `ServerOptions` (swift-argument-parser): api-server's command line.
@Suite struct ServerOptionsTests {
    @Test func everyOption() throws {
        let options = try ServerOptions.parse(
            [
                "--listen", "unix:/run/api/api.sock", "--workers=8", "--max-body-size", "2m", "--drain-timeout", "2.5",
                "--socket-mode", "0600", "--socket-group", "www-data", "--request-timeout", "20", "--io-timeout", "5",
                "--access-log", "off", "--log-file", "/var/log/api.log", "--max-queue-wait", "2.5",
            ])
        let configuration = options.configuration
        #expect(configuration.listen == .unix(path: "/run/api/api.sock"))
        #expect(configuration.workers == 8)
        #expect(configuration.maxBodySize == 2 << 20)
        #expect(configuration.drainTimeout == .milliseconds(2500))
        #expect(configuration.socketMode == 0o600)
        #expect(configuration.socketGroup == "www-data")
        #expect(configuration.requestTimeout == .seconds(20))
        #expect(configuration.ioTimeout == .seconds(5))
        #expect(configuration.accessLog == false)
        #expect(configuration.logFile == "/var/log/api.log")
        #expect(configuration.maxQueueWait == .milliseconds(2500))
    }

    @Test func logFormatAndLevel() throws {
        let configuration = try ServerOptions.parse(["--log-format", "json", "--log-level=warning"]).configuration
        #expect(configuration.logFormat == .json)
        #expect(configuration.logLevel == .warning)
        let defaults = try ServerOptions.parse([]).configuration
        #expect(defaults.logFormat == .text)
        #expect(defaults.logLevel == .info)
        for bad in [["--log-format", "xml"], ["--log-level", "verbose"], ["--log-level", "INFO"], ["--log-format"]] {
            #expect(throws: (any Error).self, "\(bad)") { _ = try ServerOptions.parse(bad) }
            do {
                _ = try ServerOptions.parse(bad)
            } catch {
                #expect(ServerOptions.exitCode(for: error) == .validationFailure, "\(bad)")
            }
        }
        #expect(ServerOptions.helpMessage(columns: 200).contains("--log-format <text|json>"))
    }

    @Test func defaults() throws {
        let configuration = try ServerOptions.parse([]).configuration
        #expect(configuration.listen == .inherited)
        #expect(configuration.workers == ServerConfiguration.defaultWorkers)
        #expect(configuration.workers >= 2)
        #expect(configuration.maxBodySize == 10 << 20)
        #expect(configuration.drainTimeout == .seconds(10))
        #expect(configuration.accessLog)
        #expect(configuration.socketMode == 0o660)
        #expect(configuration.socketGroup == nil)
        #expect(configuration.requestTimeout == .seconds(60))
        #expect(configuration.ioTimeout == .seconds(30))
        #expect(configuration.maxQueueWait == .zero)
    }

    @Test func listenAddresses() throws {
        #expect(try ListenAddress(parsing: "127.0.0.1:9000") == .tcp(host: "127.0.0.1", port: 9000))
        #expect(try ListenAddress(parsing: "0.0.0.0:9000") == .tcp(host: "0.0.0.0", port: 9000))
        for bad in [
            ":9000", "unix:relative.sock", "127.0.0.1", "127.0.0.1:0", "127.0.0.1:70000", "[::1]:9000",
            "unix:/" + String(repeating: "x", count: 120),
        ] {
            #expect(throws: ServerConfigurationError.self, "\(bad)") { _ = try ListenAddress(parsing: bad) }
        }
    }

    @Test func sizesAndDurations() throws {
        #expect(try ServerOptions.parseSize("1048576", option: "--max-body-size") == 1 << 20)
        #expect(try ServerOptions.parseSize("512k", option: "--max-body-size") == 512 << 10)
        #expect(try ServerOptions.parseSize("1GiB", option: "--max-body-size") == 1 << 30)
        #expect(throws: ServerConfigurationError.self) { _ = try ServerOptions.parseSize("ten", option: "--max-body-size") }
        #expect(try ServerOptions.parseDuration("500ms", option: "--drain-timeout") == .milliseconds(500))
        #expect(try ServerOptions.parseDuration("3s", option: "--drain-timeout") == .seconds(3))
        #expect(throws: ServerConfigurationError.self) { _ = try ServerOptions.parseDuration("-1", option: "--drain-timeout") }
        // Operator input must not trap either: past Int's milliseconds, and past what the kernel takes.
        #expect(throws: ServerConfigurationError.self) { _ = try ServerOptions.parseDuration("1e300", option: "--io-timeout") }
        #expect(throws: ServerConfigurationError.self) { _ = try ServerOptions.parseDuration("inf", option: "--io-timeout") }
        #expect(throws: ServerConfigurationError.self) {
            _ = try ServerOptions.parse(["--request-timeout", "99999999999"]).configuration.validated()
        }
        // A limit past what can be allocated would let CONTENT_LENGTH end the process (and
        // `limit + 1` overflowed for Int.max).
        #expect(throws: ServerConfigurationError.self) {
            _ = try ServerOptions.parse(["--max-body-size", "9223372036854775807"]).configuration.validated()
        }
        #expect(try ServerOptions.parse(["--max-body-size", "1g"]).configuration.validated().maxBodySize == 1 << 30)
    }

    /// A bad value is a usage error that names the option and says what it takes.
    @Test func mistakesSayWhatIsWrong() {
        func message(_ arguments: [String]) -> String {
            do {
                _ = try ServerOptions.parse(arguments)
                return "parsed"
            } catch {
                #expect(ServerOptions.exitCode(for: error) == .validationFailure, "\(arguments)")
                return ServerOptions.message(for: error)
            }
        }
        #expect(message(["--port", "80"]) == "Unknown option '--port'")
        #expect(message(["--workers"]) == "Missing value for '--workers <n>'")
        #expect(message(["--workers", "0"]).hasSuffix("--workers needs a whole number from 1 to 4096, got '0'"))
        #expect(message(["--access-log", "yes"]).hasSuffix("--access-log takes on or off, got 'yes'"))
        #expect(message(["--socket-mode", "999"]).hasSuffix("--socket-mode needs an octal mode such as 0660, got '999'"))
        #expect(message(["--max-body-size", "ten"]).hasSuffix("--max-body-size needs a size like 10m, 512k or 1048576, got 'ten'"))
        #expect(message(["--drain-timeout=-1"]).contains("--drain-timeout needs seconds"))
        #expect(message(["--listen", "127.0.0.1"]).contains("The value '127.0.0.1' is invalid for '--listen <address>'"))
        #expect(message(["--socket-group", ""]).hasSuffix("--socket-group needs a group name such as www-data"))
        #expect(message(["--socket-group="]) == "Missing value for '--socket-group <name>'")
    }

    @Test func helpListsEveryOption() throws {
        let help = ServerOptions.helpMessage(columns: 200)
        for option in [
            "--listen <address>", "--workers <n>", "--max-body-size <size>", "--drain-timeout <seconds>", "--io-timeout <seconds>",
            "--request-timeout <seconds>", "--socket-mode <mode>", "--socket-group <name>", "--access-log <on|off>",
            "--log-file <path>",
        ] {
            #expect(help.contains(option), "\(option)")
        }
        #expect(help.contains("default: 10m"))
    }
}
