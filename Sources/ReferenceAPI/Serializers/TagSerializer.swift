import RESTFramework
import RESTModels

/// Tags: `url` (by slug), `slug` (unique, at most 50), `name` (at most 100), as DRF's
/// `ModelSerializer` makes them from Django's `SlugField(unique=True)` and `CharField`.
///
///     {"url":"http://host/api/tags/urgent/","slug":"urgent","name":"Urgent"}
final class TagSerializer: ModelSerializer<Tag> {
    override class var fields: [any SerializerField] {
        [
            HyperlinkedIdentityField("url", viewName: "tag-detail", lookupField: "slug"),
            SlugField(
                "slug", maxLength: 50,
                validators: [UniqueValidator(Tag.objects, message: "tag with this slug already exists.")]),
            CharField("name", maxLength: 100),
        ]
    }
}
