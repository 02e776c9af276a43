import Testing
@testable import RESTFramework

@Suite struct URLFieldTests {
    /// Django's URLValidator: schemes, IPv4 octets, bracketed IPv6 checked again after the
    /// pattern, IDN labels, label and host lengths, user parts, ports, whitespace, 2048 characters.
    @Test func drfAnswers() throws {
        #expect(try mismatches(URLField("homepage"), DRFFieldCases.urls) == [])
    }

    @Test func validatorAndMetadata() {
        #expect(URLValidator().isValid("https://example.com/path?q=1"))
        #expect(URLValidator().isValid("http://[::1]:8000/"))
        #expect(!URLValidator().isValid("example.com"))
        #expect(URLValidator(schemes: ["git"]).isValid("git://example.com/repo"))
        #expect(
            JSONWriter.renderString(URLField("homepage", maxLength: 200).metadataInfo)
                == #"{"type":"url","required":true,"read_only":false,"label":"Homepage","max_length":200}"#)
    }
}

@Suite struct SlugFieldTests {
    @Test func drfAnswers() throws {
        #expect(try mismatches(SlugField("slug"), DRFFieldCases.slugs) == [])
        #expect(try mismatches(SlugField("slug", allowUnicode: true), DRFFieldCases.unicodeSlugs) == [])
    }

    /// DRF's `$` lets one final newline through when not trimming; Python's `\w` is `isalnum()`
    /// (numbers such as Ⅷ and ² count, a joiner does not). Pinned from DRF 3.18.3.
    @Test func untrimmedAndUnicodeEdges() throws {
        let ascii = SlugField("slug", trimWhitespace: false)
        #expect(try check(ascii, "a\n").value == "a\n")
        #expect(
            try check(ascii, "a\n\n").messages
                == ["Enter a valid \"slug\" consisting of letters, numbers, underscores or hyphens."])
        let unicode = SlugField("slug", allowUnicode: true, trimWhitespace: false)
        #expect(try check(unicode, "\u{2177}").value == "\u{2177}")
        #expect(try check(unicode, "\u{B2}").value == "\u{B2}")
        for refused in ["a\n", "a\u{200D}"] {
            #expect(
                try check(unicode, .string(refused)).messages
                    == ["Enter a valid \"slug\" consisting of Unicode letters, numbers, underscores, or hyphens."])
        }
        #expect(SlugValidator(allowUnicode: true).isValid("日本-語"))
        #expect(!SlugValidator().isValid("with space"))
    }

    /// The spec's `tags.slug`: the length check comes before the pattern, as DRF appends its
    /// RegexValidator after CharField's validators.
    @Test func orderAndMetadata() throws {
        let slug = SlugField("slug", maxLength: 5)
        #expect(
            try check(slug, "a b cdef").messages
                == [
                    "Ensure this field has no more than 5 characters.",
                    "Enter a valid \"slug\" consisting of letters, numbers, underscores or hyphens.",
                ])
        #expect(
            JSONWriter.renderString(SlugField("slug", maxLength: 50).metadataInfo)
                == #"{"type":"slug","required":true,"read_only":false,"label":"Slug","max_length":50}"#)
    }
}
