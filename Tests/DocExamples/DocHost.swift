// The context most doc examples run in: a view (so `self`, `request`, `kwargs` and the generic
// view's hooks are there) with the values the examples name but do not declare.
import PostgreSQL
@testable import RESTFramework
@testable import RESTModels

final class DocHost: UserViewSet {
    var router = DefaultRouter()
    var app = Application(urls: try! URLConf([]))
    var connection: Connection { fatalError("the examples are compiled, not run") }
    var users: QuerySet<User> { User.objects }
    var accounts: QuerySet<Account> { Account.objects }
    var recent: QuerySet<User> { User.objects.orderBy("-id") }
    var memberships: ModelSubquery { AccountMember.objects.filter(.field("user_id", .exact(7))).values("account_id") }
    let alice = User(id: 1, username: "alice")
    var user = User(id: 1, username: "alice")
    var context: SerializerContext { SerializerContext(request: request, view: self) }
    let password = "s3cret", id = "7"
    let hasher = PasswordHasher(iterations: 1_000)
    var body: [UInt8] = []
    var view: DocHost { self }
}
