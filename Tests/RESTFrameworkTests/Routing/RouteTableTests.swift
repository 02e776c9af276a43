import Testing
@testable import RESTFramework

/// Golden route tables: the patterns DRF 3.18 generates for the same registrations (regexes as
/// `show_urls` prints them), in its order, with names, method → action maps and view names.
@Suite struct RouteTableTests {
    @Test func defaultRouterUnderAPIPrefixWithATokenView() throws {
        let expected = #"""
            ^api/users/$                                                        user-list            get=list post=create                                         User List
            ^api/users\.(?P<format>[a-z0-9]+)/?$                                user-list            get=list post=create                                         User List
            ^api/users/recent_users/$                                           user-recent-users    get=recent_users                                             Recent users
            ^api/users/recent_users\.(?P<format>[a-z0-9]+)/?$                   user-recent-users    get=recent_users                                             Recent users
            ^api/users/(?P<pk>[^/.]+)/$                                         user-detail          get=retrieve put=update patch=partial_update delete=destroy  User Instance
            ^api/users/(?P<pk>[^/.]+)\.(?P<format>[a-z0-9]+)/?$                 user-detail          get=retrieve put=update patch=partial_update delete=destroy  User Instance
            ^api/users/(?P<pk>[^/.]+)/password/$                                user-password        put=password delete=delete_password                          Change Password
            ^api/users/(?P<pk>[^/.]+)/password\.(?P<format>[a-z0-9]+)/?$        user-password        put=password delete=delete_password                          Change Password
            ^api/users/(?P<pk>[^/.]+)/set_password/$                            user-set-password    post=set_password                                            Set password
            ^api/users/(?P<pk>[^/.]+)/set_password\.(?P<format>[a-z0-9]+)/?$    user-set-password    post=set_password                                            Set password
            ^api/users/(?P<pk>[^/.]+)/unset_password/$                          user-unset-password  post=unset_password delete=unset_password                    Unset password
            ^api/users/(?P<pk>[^/.]+)/unset_password\.(?P<format>[a-z0-9]+)/?$  user-unset-password  post=unset_password delete=unset_password                    Unset password
            ^api/simple-users/$                                                 simple-user-list     get=list                                                     Simple User List
            ^api/simple-users\.(?P<format>[a-z0-9]+)/?$                         simple-user-list     get=list                                                     Simple User List
            ^api/simple-users/(?P<pk>[^/.]+)/$                                  simple-user-detail   get=retrieve                                                 Simple User Instance
            ^api/simple-users/(?P<pk>[^/.]+)\.(?P<format>[a-z0-9]+)/?$          simple-user-detail   get=retrieve                                                 Simple User Instance
            ^api/accounts/$                                                     account-list         get=list post=create                                         Account List
            ^api/accounts\.(?P<format>[a-z0-9]+)/?$                             account-list         get=list post=create                                         Account List
            ^api/accounts/(?P<pk>[^/.]+)/$                                      account-detail       get=retrieve put=update patch=partial_update delete=destroy  Account Instance
            ^api/accounts/(?P<pk>[^/.]+)\.(?P<format>[a-z0-9]+)/?$              account-detail       get=retrieve put=update patch=partial_update delete=destroy  Account Instance
            ^api/accounts/(?P<pk>[^/.]+)/add-member/$                           account-add-member   post=add_member                                              Add member
            ^api/accounts/(?P<pk>[^/.]+)/add-member\.(?P<format>[a-z0-9]+)/?$   account-add-member   post=add_member                                              Add member
            ^api/accounts/(?P<pk>[^/.]+)/members/$                              account-members      get=members                                                  Members
            ^api/accounts/(?P<pk>[^/.]+)/members\.(?P<format>[a-z0-9]+)/?$      account-members      get=members                                                  Members
            ^api/$                                                              api-root             get                                                          Api Root
            ^api/\.(?P<format>[a-z0-9]+)/?$                                     api-root             get                                                          Api Root
            ^api/auth-token/$                                                   api-token            post                                                         Obtain Auth Token
            """#
        #expect(try referenceURLConf().routeTable == expected)
    }

    @Test func simpleRouterWithoutTrailingSlash() throws {
        var router = SimpleRouter(trailingSlash: false)
        try router.register("notes", NoteViewSet.self)
        let expected = #"""
            ^api/notes$                 note-list    get=list post=create  Note List
            ^api/notes/(?P<pk>[^/.]+)$  note-detail  get=retrieve          Note Instance
            """#
        #expect(try URLConf([.include("api/", router)]).routeTable == expected)
    }

    @Test func simpleRouterHasNoRootAndNoSuffixes() throws {
        var router = SimpleRouter()
        try router.register("simple-users", SimpleUserViewSet.self, basename: "simple-user")
        let expected = #"""
            ^simple-users/$                 simple-user-list    get=list      Simple User List
            ^simple-users/(?P<pk>[^/.]+)/$  simple-user-detail  get=retrieve  Simple User Instance
            """#
        #expect(try URLConf([.include("", router)]).routeTable == expected)
    }

    @Test func defaultRouterWithoutTrailingSlashKeepsSuffixes() throws {
        var router = DefaultRouter(trailingSlash: false)
        try router.register("notes", NoteViewSet.self)
        let expected = #"""
            ^api/notes$                                          note-list    get=list post=create  Note List
            ^api/notes\.(?P<format>[a-z0-9]+)/?$                 note-list    get=list post=create  Note List
            ^api/notes/(?P<pk>[^/.]+)$                           note-detail  get=retrieve          Note Instance
            ^api/notes/(?P<pk>[^/.]+)\.(?P<format>[a-z0-9]+)/?$  note-detail  get=retrieve          Note Instance
            ^api/$                                               api-root     get                   Api Root
            ^api/\.(?P<format>[a-z0-9]+)/?$                      api-root     get                   Api Root
            """#
        #expect(try URLConf([.include("api/", router)]).routeTable == expected)
    }

    @Test func emptyPrefixMountsAtTheIncludePrefix() throws {
        var router = SimpleRouter()
        try router.register("", NoteViewSet.self)
        let expected = #"""
            ^api/$                 note-list    get=list post=create  Note List
            ^api/(?P<pk>[^/.]+)/$  note-detail  get=retrieve          Note Instance
            """#
        #expect(try URLConf([.include("api/", router)]).routeTable == expected)
    }
}
