import RESTFramework

/// DRF's `HyperlinkedModelSerializer`: a `ModelSerializer` whose `.all` starts with `url` (a
/// `HyperlinkedIdentityField` to `<model name in lower case>-detail`, DRF's `url_field_name`)
/// instead of the primary key, and whose relations are `HyperlinkedRelatedField`s to the
/// target's `-detail` route instead of primary keys; with `depth`, nested as a `ModelSerializer`'s.
///
///     final class ProjectLinkSerializer: HyperlinkedModelSerializer<Project> {
///         override class var modelFields: ModelFieldSelection? { .all }
///     }
///
/// renders `{"url": ".../project/3/", "name": "Apollo", "account": ".../account/1/", ...}`.
open class HyperlinkedModelSerializer<M: Model>: ModelSerializer<M>, HyperlinkedInference {}

/// Marks the serializers whose inference makes links (`HyperlinkedModelSerializer`).
protocol HyperlinkedInference {}
