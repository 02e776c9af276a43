/// What `Request.readRouting` holds: the server's choice of database for a request's reads
/// when read replicas are configured. The framework core only carries it; RESTModels'
/// `ReadReplicaRouter` is the one implementation (see "Read replicas" in docs/framework.md).
public protocol ReadRouting: AnyObject {}
