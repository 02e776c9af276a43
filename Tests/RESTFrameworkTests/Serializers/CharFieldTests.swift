import Testing
@testable import RESTFramework

@Suite struct CharFieldTests {
    let field = CharField("name", maxLength: 5)

    @Test func messages() throws {
        #expect(try check(field, nil).messages == ["This field is required."])
        #expect(try check(field, .null).messages == ["This field may not be null."])
        #expect(try check(field, "").messages == ["This field may not be blank."])
        #expect(try check(field, "   ").messages == ["This field may not be blank."])
        #expect(try check(field, "abcdef").messages == ["Ensure this field has no more than 5 characters."])
        #expect(try check(CharField("p", minLength: 8), "short").messages == ["Ensure this field has at least 8 characters."])
        #expect(try check(field, "a\u{0}b").messages == ["Null characters are not allowed."])
    }

    @Test func booleansArraysAndObjectsAreNotStrings() throws {
        for input: JSON in [true, false, [], ["a"], ["k": "v"]] {
            #expect(try check(field, input).messages == ["Not a valid string."])
        }
    }

    @Test func numbersBecomeTheirPythonText() throws {
        let wide = CharField("name")
        #expect(try check(wide, 123).value == "123")
        #expect(try check(wide, 4.5).value == "4.5")
        #expect(try check(wide, 1e16).value == "1e+16")
        #expect(try check(wide, 1e-5).value == "1e-05")
        #expect(try check(wide, 100.0).value == "100.0")
        #expect(try check(wide, .bigInt("10000000000000000000000000")).value == "10000000000000000000000000")
        #expect(try check(wide, -0.0).value == "-0.0")
    }

    /// Every character Python's `str.strip()` removes, on both sides.
    @Test(arguments: [
        "\t", "\n", "\u{0B}", "\u{0C}", "\r", "\u{1C}", "\u{1D}", "\u{1E}", "\u{1F}", " ", "\u{85}", "\u{A0}",
        "\u{1680}", "\u{2000}", "\u{2001}", "\u{2002}", "\u{2003}", "\u{2004}", "\u{2005}", "\u{2006}", "\u{2007}",
        "\u{2008}", "\u{2009}", "\u{200A}", "\u{2028}", "\u{2029}", "\u{202F}", "\u{205F}", "\u{3000}",
    ])
    func trimsPythonWhitespace(_ space: String) throws {
        #expect(try check(field, .string(space + "ada" + space)).value == "ada")
        #expect(try check(field, .string(space)).messages == ["This field may not be blank."])
        // Trimming comes before the length check: five characters plus padding fit.
        #expect(try check(field, .string(space + space + "abcde" + space)).value == "abcde")
    }

    @Test func keepsWhatPythonDoesNotStrip() throws {
        #expect(try check(field, "\u{200B}a").value == "\u{200B}a")
        #expect(try check(field, "\u{FEFF}a").value == "\u{FEFF}a")
        // A combining mark after a space: the space goes, the mark stays (code points, not graphemes).
        #expect(try check(field, " \u{301}a").value == "\u{301}a")
    }

    /// One side only, or nothing to trim (the text is then kept as it is, not rebuilt).
    @Test func trimsEachSideAlone() throws {
        #expect(try check(field, " ada").value == "ada")
        #expect(try check(field, "ada\u{3000}").value == "ada")
        #expect(try check(field, "a d").value == "a d")
        #expect(PythonText.strip("x") == "x")
        #expect(PythonText.strip("\u{301}x y\u{301}") == "\u{301}x y\u{301}")
        #expect(PythonText.strip(" \u{85}") == "")
    }

    @Test func noTrimming() throws {
        let raw = CharField("name", trimWhitespace: false)
        #expect(try check(raw, " a ").value == " a ")
        #expect(try check(raw, "  ").value == "  ")
        #expect(try check(raw, "").messages == ["This field may not be blank."])
    }

    @Test func lengthCountsCodePoints() throws {
        let ten = CharField("name", maxLength: 10)
        #expect(try check(ten, .string(String(repeating: "ä", count: 10))).value != nil)
        #expect(try check(ten, .string(String(repeating: "ä", count: 11))).messages?.count == 1)
        // "é" as e + U+0301 is two code points for Python, one Character for Swift.
        #expect(try check(ten, .string(String(repeating: "e\u{301}", count: 5))).value != nil)
        #expect(
            try check(ten, .string(String(repeating: "e\u{301}", count: 6))).messages
                == ["Ensure this field has no more than 10 characters."])
        #expect(try check(ten, .string(String(repeating: "😀", count: 10))).value != nil)
    }

    @Test func blankAndNullAllowed() throws {
        let optional = CharField("name", required: false, allowNull: true, allowBlank: true)
        #expect(try check(optional, "").value == "")
        #expect(try check(optional, "  ").value == "")
        #expect(try check(optional, .null).value == .null)
        #expect(try check(optional, nil).value == nil)
    }

    @Test func optionalFieldsStillRefuseNull() throws {
        let optional = CharField("name", required: false, allowBlank: true)
        #expect(try check(optional, .null).messages == ["This field may not be null."])
    }

    @Test func customErrorMessages() throws {
        let custom = CharField("name", errorMessages: ["blank": "Say something.", "required": "Needed."])
        #expect(try check(custom, "").messages == ["Say something."])
        #expect(try check(custom, nil).messages == ["Needed."])
    }

    /// DRF appends its own length validator after the given ones: pattern, uniqueness, length.
    @Test func validatorOrderFollowsDRF() throws {
        let username = CharField("username", maxLength: 10, validators: [usernamePattern, FakeUniqueUsername()])
        let long = "taken!" + String(repeating: "x", count: 10)
        #expect(
            try check(username, .string(long)).messages == [
                "Enter a valid username. This value may contain only letters, numbers, and @/./+/-/_ characters.",
                "Ensure this field has no more than 10 characters.",
            ])
        #expect(try check(username, "taken").messages == ["A user with that username already exists."])
        #expect(
            try check(username, "a\u{0}b").messages == [
                "Enter a valid username. This value may contain only letters, numbers, and @/./+/-/_ characters.",
                "Null characters are not allowed.",
            ])
    }

    @Test func usernamePatternIsPythons() throws {
        let username = CharField("username", validators: [usernamePattern])
        for ok in ["ada", "a.b@c+d-e_f", "Ünïcødé", "名前", "x²", "١٢٣"] {
            #expect(try check(username, .string(ok)).value == .string(ok), "\(ok)")
        }
        // Python's \w has no combining marks; \Z is the very end.
        for bad in ["a b", "e\u{301}", "a/b", "a\nb", "a!"] {
            #expect(try check(username, .string(bad)).messages?.count == 1, "\(bad)")
        }
        #expect(RegexValidator(#"^a\Z"#).matches("a\n") == false)
        #expect(RegexValidator(#"^a$"#).matches("a\n"))
        #expect(RegexValidator("x", inverseMatch: true).matches("y") == false)
        #expect(RegexValidator("a", ignoreCase: true).matches("A"))
    }

    @Test func representation() throws {
        let context = SerializerContext()
        #expect(try field.toRepresentation("ada", context: context) == "ada")
        #expect(try field.toRepresentation(12, context: context) == "12")
        #expect(try field.toRepresentation(true, context: context) == "True")
    }

    @Test func lengthMessagesAreTheFieldsFormattedWhenTheCheckFails() throws {
        let custom = CharField(
            "name", maxLength: 3, minLength: 2,
            errorMessages: ["max_length": "At most {max_length}.", "min_length": "At least {min_length}."])
        #expect(try check(custom, "abcd").messages == ["At most 3."])
        #expect(try check(custom, "a").messages == ["At least 2."])
        let lengths = CharField("name", maxLength: 3, minLength: 2).validators
        #expect((lengths[0] as? MaxLengthValidator)?.message == "Ensure this field has no more than 3 characters.")
        #expect((lengths[1] as? MinLengthValidator)?.message == "Ensure this field has at least 2 characters.")
        #expect(MaxLengthValidator(3).message == nil && MaxLengthValidator(3, message: "m").message == "m")
        #expect(throws: ValidationError.self) { try MaxLengthValidator(1).validate("ab", context: FieldValidationContext(fieldName: "n")) }
    }
}
