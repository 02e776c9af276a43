// api-server: the FastCGI responder nginx talks to. Until the framework's router exists it
// answers with `BuiltInResponder`. The work is in `APIServer.main()` because top-level code
// here would be main-actor isolated.
APIServer.main()
