/// DRF's `CurrentUserDefault()` and `CreateOnlyDefault(...)`, defaults that read the
/// serializer's context when validation needs them (DRF's `requires_context = True`).
///
///     HiddenField("owner", default: .currentUser)                   // the requesting user's pk
///     HiddenField("created_by", default: .createOnly(.currentUser)) // set on create, kept on update
///     DateTimeField("created", default: .createOnly(.computed { _ in .dateTime(DateTime.now()) }))
///
/// DRF's default gives the user object; a field value holds the user's primary key instead
/// (`request.user.pk`), which is what a key column (`owner_id`) or a relation (`owner`) takes
/// when the model layer writes the row. Without a request (a serializer used outside a view) or
/// with nobody signed in, it is null, as Django's `AnonymousUser` has no key.
extension FieldDefault {
    public static var currentUser: FieldDefault { .computed { context in context.request?.user.pk ?? .null } }
}
