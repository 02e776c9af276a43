// api-server: the FastCGI responder nginx talks to, serving the reference API.
// `--test-routes` serves the responder test routes instead (for the FastCGI test suite only).
import ReferenceAPI
import RESTServer

APIServerMain.run(
    program: "api-server",
    modes: [
        .init(
            flag: "--test-routes",
            help: "serve /__test/echo, /__test/sleep?ms=N and /__test/throw instead of the API (for the test suite; never in production)",
            makeResponder: { worker in BuiltInResponder(worker: worker) })
    ],
    models: ReferenceAPI.models,
    application: { try ReferenceAPI.application(configuration: .fromEnvironment()) })
