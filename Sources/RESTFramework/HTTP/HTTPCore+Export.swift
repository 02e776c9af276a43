// `Headers` is HTTPCore's, shared with FastCGI. Re-exported so that `import RESTFramework` is
// all an application needs, and so that a file importing both FastCGI and RESTFramework sees one
// `Headers` (a typealias in each module would make the name ambiguous there).
@_exported import HTTPCore
