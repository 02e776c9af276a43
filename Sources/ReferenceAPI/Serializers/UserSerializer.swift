import RESTFramework
import RESTModels

/// DRF's `ModelSerializer` over `users` with the fields
/// `url, id, username, email, first_name, last_name, is_staff, last_login, date_joined`,
/// the last two read-only. Validators in Django's order: username pattern, uniqueness, length;
/// email length, then syntax.
///
///     {"url":"http://host/api/users/2/","id":2,"username":"ada","email":"ada@example.com",...}
final class UserSerializer: ModelSerializer<User> {
    /// Django's `UnicodeUsernameValidator`.
    static let usernamePattern = RegexValidator(
        #"^[\w.@+-]+\Z"#,
        message: "Enter a valid username. This value may contain only letters, numbers, and @/./+/-/_ characters.")

    override class var fields: [any SerializerField] {
        [
            HyperlinkedIdentityField("url", viewName: "user-detail"),
            IntegerField("id", readOnly: true),
            CharField(
                "username", maxLength: 150,
                validators: [
                    usernamePattern,
                    UniqueValidator(User.objects, message: "A user with that username already exists."),
                ]),
            EmailField("email", required: false, allowBlank: true, maxLength: 254),
            CharField("first_name", required: false, allowBlank: true, maxLength: 150),
            CharField("last_name", required: false, allowBlank: true, maxLength: 150),
            // No serializer default: a PUT without it leaves the column as it is; a create gets the
            // table's default.
            BooleanField("is_staff", required: false),
            // Null until the first sign-in (the column is nullable; says so to the OpenAPI document).
            DateTimeField("last_login", readOnly: true, allowNull: true),
            DateTimeField("date_joined", readOnly: true),
        ]
    }
}
