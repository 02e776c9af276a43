import RESTServer

APIServerMain.run(program: "todo-api", models: [Todo.self]) { try makeApplication() }
