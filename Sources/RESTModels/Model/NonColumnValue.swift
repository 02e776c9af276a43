/// A stored property of a model that is not a column of its table: a many-to-many's related
/// rows, a reverse relation's rows, anything filled after the row is read (by
/// `prefetchRelated`) or never. Decoding a row gives `notLoaded`; no column is selected for it.
///
/// The contract between a model's declaration (which lists every stored property) and the
/// relations that fill such properties.
public protocol NonColumnValue: StoredValue {
    /// The value of a freshly decoded row, before anything is fetched for it.
    static var notLoaded: Self { get }
}
