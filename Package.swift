// swift-tools-version:6.0
//
// swift-rest-framework: Django REST framework's ViewSets and Routers in Swift, served as a
// FastCGI responder (libfcgi) and backed by PostgreSQL (libpq).
//
// Module layout (the C libraries stay behind their own modules; the framework is pure Swift):
//   CFastCGI, CLibPQ, COpenSSL   system libraries (shim headers only)
//   CMemmem                      a wrapper around libc's memmem (a GNU extension)
//   HTTPCore                     what FastCGI and RESTFramework share: the HTTP headers type
//   ValueCore                    what PostgreSQL and RESTFramework share: the exact decimal, the calendar
//                                date, the time of day and the duration (one implementation each; the
//                                libpq decoding stays in PostgreSQL, so the framework links no libpq)
//   ServerMetrics                the counters behind /metrics, in shared memory (atomics, no C)
//   FastCGI                      the responder: listening, worker threads, signals, access log, admin server
//   PostgreSQL                   the client: connections, bound parameters, decoding, errors
//   Migrations                   the engine behind `migrate`
//   Commands                     what the command lines share (swift-argument-parser): exit codes,
//                                the version, the `migrate` subcommands (also a server binary's)
//   RESTFramework                DRF's concepts: views, viewsets, routers, permissions, auth
//   RESTModels                   Django's model layer on PostgreSQL: models, querysets, ModelSerializer
//   RESTServer                   serves an Application through FastCGI, a connection per worker
//   RESTTesting                  DRF's APIClient/APIRequestFactory: an in-process test client,
//                                forced authentication, temporary schemas with migrations applied
//   ReferenceAPI                 the spec's application, built on the framework's public API
//   api-server, migrate, api-admin  executables
//   srf-tutorial-todo-api        the README tutorial's todo-api (Tests/Tutorial), built and tested
import PackageDescription

let package = Package(
    name: "swift-rest-framework",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "RESTFramework", targets: ["RESTFramework"]),
        .library(name: "FastCGI", targets: ["FastCGI"]),
        .library(name: "PostgreSQL", targets: ["PostgreSQL"]),
        .library(name: "Migrations", targets: ["Migrations"]),
        .library(name: "RESTModels", targets: ["RESTModels"]),
        .library(name: "RESTServer", targets: ["RESTServer"]),
        .library(name: "RESTTesting", targets: ["RESTTesting"]),
        .library(name: "ReferenceAPI", targets: ["ReferenceAPI"]),
        .executable(name: "api-server", targets: ["api-server"]),
        .executable(name: "migrate", targets: ["migrate"]),
        .executable(name: "api-admin", targets: ["api-admin"]),
    ],
    dependencies: [
        // The command lines' parser (api-server, migrate, api-admin, and a user's server binary).
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        // swift-log: the `Logger` views and the server log through (ServerLogHandler writes to the server's log).
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    ],
    targets: [
        .systemLibrary(name: "CFastCGI", pkgConfig: "fcgi", providers: [.apt(["libfcgi-dev"])]),
        .systemLibrary(name: "CLibPQ", pkgConfig: "libpq", providers: [.apt(["libpq-dev"])]),
        .systemLibrary(name: "COpenSSL", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"])]),

        // Pure Swift, no C: the one headers type, so a request's headers go from FastCGI to the
        // views, and a response's back, without a copy. (Not `HTTPTypes`: Apple's package.)
        .target(name: "HTTPCore"),
        // Pure Swift, no C: the server's counters in memory shared across worker processes, and
        // their Prometheus text (served by FastCGI's AdminServer).
        .target(name: "ServerMetrics"),
        .target(
            name: "FastCGI",
            dependencies: [
                "CFastCGI", "HTTPCore", "ServerMetrics", .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]),
        // Pure Swift, no C: the value types a column holds and a serializer renders (decimal,
        // date, time, duration), with their text forms; PostgreSQL adds the libpq decoding.
        .target(name: "ValueCore"),
        .target(name: "PostgreSQL", dependencies: ["CLibPQ", "ValueCore"]),
        .target(name: "Migrations", dependencies: ["PostgreSQL"]),
        .target(
            name: "Commands",
            dependencies: ["Migrations", "PostgreSQL", .product(name: "ArgumentParser", package: "swift-argument-parser")]),
        // glibc's memmem (a GNU extension Swift's Glibc module does not export): the multipart
        // parser's linear boundary search.
        .target(name: "CMemmem"),
        .target(
            name: "RESTFramework",
            dependencies: ["COpenSSL", "CMemmem", "HTTPCore", "ValueCore", .product(name: "Logging", package: "swift-log")]),
        .target(name: "RESTModels", dependencies: ["RESTFramework", "PostgreSQL"]),
        .target(
            name: "RESTServer",
            dependencies: [
                "FastCGI", "PostgreSQL", "RESTFramework", "RESTModels", "Migrations", "Commands",
                .product(name: "Logging", package: "swift-log"),
            ]),
        // For the tests of an application: no socket, no server; PostgreSQL only for the
        // temporary schema and the connection a client attaches.
        .target(name: "RESTTesting", dependencies: ["RESTFramework", "RESTModels", "PostgreSQL", "Migrations"]),
        .target(name: "ReferenceAPI", dependencies: ["RESTFramework", "RESTModels", "PostgreSQL"]),

        .executableTarget(name: "api-server", dependencies: ["FastCGI", "RESTServer", "ReferenceAPI"]),
        .executableTarget(name: "migrate", dependencies: ["Commands"]),
        .executableTarget(name: "api-admin", dependencies: ["ReferenceAPI", "PostgreSQL", "Commands"]),

        // Shared helpers for the integration tests: the database URL the test script exported,
        // temporary schemas, paths to the built executables, an nginx launcher.
        .target(name: "TestSupport", dependencies: ["FastCGI"], path: "Tests/TestSupport"),

        .testTarget(name: "HTTPCoreTests", dependencies: ["HTTPCore"]),
        .testTarget(name: "ValueCoreTests", dependencies: ["ValueCore"]),
        .testTarget(name: "ServerMetricsTests", dependencies: ["ServerMetrics", "TestSupport"]),
        .testTarget(
            name: "FastCGITests",
            dependencies: [
                "FastCGI", "ServerMetrics", "TestSupport", .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]),
        .testTarget(name: "PostgreSQLTests", dependencies: ["PostgreSQL", "TestSupport"]),
        .testTarget(name: "MigrationsTests", dependencies: ["Migrations", "PostgreSQL", "TestSupport", "Commands"]),
        .testTarget(name: "RESTFrameworkTests", dependencies: ["RESTFramework", "RESTTesting"]),
        .testTarget(
            name: "RESTTestingTests",
            dependencies: [
                "RESTTesting", "RESTFramework", "RESTModels", "PostgreSQL",
                "TestSupport",
            ]),
        .testTarget(name: "RESTServerTests", dependencies: ["RESTServer", "ServerMetrics", "TestSupport"]),
        .testTarget(
            name: "RESTModelsTests",
            dependencies: [
                "RESTModels", "RESTFramework", "RESTTesting", "PostgreSQL",
                "TestSupport",
            ]),
        // api-server behind a private Apache 2.4 (mod_proxy_fcgi, deploy/apache/api-server.conf).
        .testTarget(name: "ApacheTests", dependencies: ["TestSupport"]),
        // deploy/: the stack as a user and as root from private homes, packages.sh, the systemd unit.
        .testTarget(name: "DeployTests", dependencies: ["TestSupport"]),

        // The README tutorial, compiled: its application as an executable (served behind nginx
        // by the tests), and tests that run it and keep the README's snippets identical to it.
        // (Named apart from the tutorial's own `todo-api`: a package depending on this one may
        // not have a target of the same name.)
        .executableTarget(
            name: "srf-tutorial-todo-api", dependencies: ["RESTServer", "RESTFramework", "RESTModels"],
            path: "Tests/Tutorial/todo-api"),
        .testTarget(
            name: "TutorialTests",
            dependencies: [
                "srf-tutorial-todo-api", "RESTFramework", "RESTModels", "RESTTesting",
                "PostgreSQL", "TestSupport", .product(name: "Logging", package: "swift-log"),
                .product(name: "InMemoryLogging", package: "swift-log"),
            ],
            path: "Tests/Tutorial/TutorialTests"),
        // How long big forms and multipart bodies take to be parsed or refused (Tests/Benchmarks/parsing).
        .executableTarget(name: "srf-parse-bench", dependencies: ["RESTFramework"], path: "Tests/Benchmarks/parse-bench"),
        // The relations benchmark's API: a tasks list with select_related/prefetch_related
        // (Tests/Benchmarks/relations.py), a fixture on the reference models, not the part-2 API.
        .executableTarget(
            name: "srf-relations-bench", dependencies: ["RESTServer", "RESTFramework", "RESTModels", "PostgreSQL", "ReferenceAPI"],
            path: "Tests/Benchmarks/relations-bench"),
        // An application whose views log (request.logger, a LoggingSystem Logger, an unhandled
        // error), served behind nginx by RESTServerTests' LoggingTests.
        .executableTarget(
            name: "srf-logging-fixture",
            dependencies: ["RESTServer", "RESTFramework", .product(name: "Logging", package: "swift-log")],
            path: "Tests/LoggingFixture"),
        // The wire bytes of api-server against the DRF reference (Tests/DRFReference), both behind nginx.
        .testTarget(name: "WireComparisonTests", dependencies: ["TestSupport", "PostgreSQL"]),
        // Every `///` example of the framework modules, compiled here in the context it needs,
        // and a test that finds each one's lines in these files.
        .testTarget(
            name: "DocExampleTests",
            dependencies: [
                "RESTFramework", "RESTModels", "RESTServer", "RESTTesting",
                "PostgreSQL", "Migrations", "FastCGI", "ServerMetrics", "TestSupport", "Commands",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Tests/DocExamples"),
        .testTarget(
            name: "ReferenceAPITests",
            dependencies: [
                "ReferenceAPI", "RESTModels", "RESTFramework", "RESTTesting",
                "PostgreSQL", "Migrations", "TestSupport",
            ]),
    ],
    swiftLanguageModes: [.v6]
)
