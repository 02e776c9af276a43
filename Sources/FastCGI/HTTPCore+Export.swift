// `Headers` is HTTPCore's, shared with RESTFramework. Re-exported so that `import FastCGI` is all
// a responder needs, and so that a file importing both FastCGI and RESTFramework sees one
// `Headers` (a typealias in each module would make the name ambiguous there).
@_exported import HTTPCore
