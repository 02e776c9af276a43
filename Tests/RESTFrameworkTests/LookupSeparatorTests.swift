import Testing

@testable import RESTFramework

/// Django's `__` found byte by byte, as Python's `split("__")` and `rsplit("__", 1)` find it.
@Suite struct LookupSeparatorTests {
    @Test func splitsAsPythonSplits() {
        #expect(LookupSeparator.split("project__account__name") == ["project", "account", "name"])
        #expect(LookupSeparator.split("name") == ["name"])
        #expect(LookupSeparator.split("") == [""])
        #expect(LookupSeparator.split("a____b") == ["a", "", "b"])
        #expect(LookupSeparator.split("a___b") == ["a", "_b"])
        #expect(LookupSeparator.split("__a__") == ["", "a", ""])
        #expect(LookupSeparator.split("ünï__cødé") == ["ünï", "cødé"])
    }

    @Test func firstAndLastSeparator() {
        let text: Substring = "a___b__c"
        #expect(LookupSeparator.first(in: text).map { String(text[..<$0.lowerBound]) } == "a")
        #expect(LookupSeparator.last(in: text).map { String(text[$0.upperBound...]) } == "c")
        let three: Substring = "a___b"
        #expect(LookupSeparator.last(in: three).map { String(three[..<$0.lowerBound]) } == "a_")
        #expect(LookupSeparator.first(in: "a_b") == nil && LookupSeparator.last(in: "a_b") == nil)
        #expect(LookupSeparator.first(in: "_") == nil && LookupSeparator.last(in: "") == nil)
        let slice = "xx__title__icontains".dropFirst(4)
        #expect(LookupSeparator.last(in: slice).map { String(slice[$0.upperBound...]) } == "icontains")
        #expect(LookupSeparator.first(in: slice).map { String(slice[..<$0.lowerBound]) } == "title")
    }
}
