/// The version every command line prints for `--version` (api-server, migrate, api-admin, and a
/// server binary built on `APIServerMain`): declared here once.
///
///     print(FrameworkVersion.current)   // "0.15.0"
///
/// A release changes this line in the commit it tags (`git tag v0.15.0`); between releases it
/// names the release the tree leads to, with `-dev`.
public enum FrameworkVersion {
    public static let current = "0.15.0-dev"
}
