/// DRF's `BaseThrottle.get_ident`: who an anonymous client is. With `numProxies` set (DRF's
/// `NUM_PROXIES`), the address that many hops from the end of `X-Forwarded-For` (the client as
/// the outermost trusted proxy saw it), or `REMOTE_ADDR` when it is 0 or the header is absent.
/// Unset (nil, DRF's default), the whole `X-Forwarded-For` without its whitespace when sent,
/// else `REMOTE_ADDR`: a client can then choose its identity, so set `numProxies` behind proxies.
///
///     settings.numProxies = 1          // nginx in front, which appends $remote_addr
///     ClientIdent.ident(request, numProxies: 1)   // "203.0.113.7"
public enum ClientIdent {
    public static func ident(_ request: Request, numProxies: Int?) -> String {
        let xff = request.headers["X-Forwarded-For"]
        let remoteAddress = request.remoteAddress ?? ""
        if let numProxies {
            guard numProxies > 0, let xff else { return remoteAddress }
            let addresses = xff.split(separator: ",", omittingEmptySubsequences: false)
            // Python's `addrs[-min(n, len(addrs))]`: never out of range, `split` gives one element at least.
            let address = addresses[addresses.count - min(numProxies, addresses.count)]
            return stripped(address)
        }
        guard let xff, !xff.isEmpty else { return remoteAddress }
        return String(xff.filter { !$0.isWhitespace })
    }

    /// Python's `str.strip()`: whitespace off both ends only.
    private static func stripped(_ text: Substring) -> String {
        var text = text
        while let first = text.first, first.isWhitespace { text.removeFirst() }
        while let last = text.last, last.isWhitespace { text.removeLast() }
        return String(text)
    }
}
