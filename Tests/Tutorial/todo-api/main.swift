import RESTServer

APIServerMain.run(program: "todo-api") { try makeApplication() }
