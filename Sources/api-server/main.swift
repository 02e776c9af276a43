// api-server: the FastCGI responder nginx talks to, serving the reference API.
// `--test-routes` serves the responder test routes instead (for the FastCGI test suite only).
import ReferenceAPI
import RESTServer

APIServerMain.run(
    program: "api-server",
    modes: [
        .init(
            flag: "--test-routes",
            help:
                "serve /__test/echo, /__test/sleep?ms=N, /__test/throw and /__test/trap instead of the API (for the test suite; never in production)",
            makeResponder: { worker in BuiltInResponder(worker: worker) }),
        .init(
            flag: "--test-trap-at-start",
            help: "the first worker thread traps as it starts (for the test suite: a worker process that keeps dying)",
            makeResponder: { worker in
                guard worker != 0 else { fatalError("--test-trap-at-start") }
                return BuiltInResponder(worker: worker)
            }),
    ],
    models: ReferenceAPI.models,
    application: { try ReferenceAPI.application(configuration: .fromEnvironment()) })
