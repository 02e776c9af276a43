/// Media type parsing and matching. STUB: to be completed.
public enum MediaType {
    static func select(parserFor contentType: String, from parsers: [any Parser]) -> (any Parser)? {
        let main = contentType.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
        return parsers.first { $0.mediaType == main || $0.mediaType == "*/*" }
    }
}

import Foundation
