import Testing
@testable import RESTFramework

/// Django's own EmailValidator cases (tests/validators/tests.py), rewritten.
@Suite struct EmailValidatorTests {
    let validator = EmailValidator()

    @Test(arguments: [
        "email@here.com", "weirder-email@here.and.there.com", "email@[127.0.0.1]", "email@[2001:dB8::1]",
        "email@[2001:dB8:0:0:0:0:0:1]", "email@[::fffF:127.0.0.1]", "example@valid-----hyphens.com",
        "example@valid-with-hyphens.com", "test@domain.with.idn.tld.उदाहरण.परीक्षा", "email@localhost",
        "\"test@test\"@example.com", "example@atm." + String(repeating: "a", count: 63),
        "example@" + String(repeating: "a", count: 63) + ".atm",
        "example@" + String(repeating: "a", count: 63) + "." + String(repeating: "b", count: 10) + ".atm",
        "email@xn--4ca9at.com", "email@öäü.com", "email@עִתוֹן.example.il", "email@މިހާރު.example.mv",
        "email@漢字.example.com", "editor@މިހާރު.example.mv", "\"\\\u{9}\"@here.com",
        "a@" + String(repeating: "a", count: 63) + ".us", "ADA.Lovelace+tag@Example.COM", "o'neil@example.org",
        "x@[1:2:3:4:5:6:7:8]", "x@[::1]", "x@[fe80::]", "\u{17F}@example.com",
    ])
    func valid(_ address: String) {
        #expect(validator.isValid(address), "\(address)")
    }

    @Test(arguments: [
        "", "abc", "abc@", "abc@bar", "a @x.cz", "abc@.com", "something@@somewhere.com", "email@127.0.0.1",
        "email@[127.0.0.256]", "email@[2001:db8::12345]", "email@[2001:db8:0:0:0:0:1]", "email@[::ffff:127.0.0.256]",
        "email@[2001:dg8::1]", "email@[2001:dG8:0:0:0:0:0:1]", "email@[::fTzF:127.0.0.1]", "example@invalid-.com",
        "example@-invalid.com", "example@invalid.com-", "example@inv-.alid-.com", "example@inv-.-alid.com",
        "test@example.com\n\n<script src=\"x.js\">", "@domain.com", "email.domain.com", "email@domain@domain.com",
        "email@domain..com", "email@.domain.com", "email@-domain.com", "email@domain-.com", "email@domain.com-",
        "\"\\\u{A}\"@here.com", "trailingdot@shouldfail.com.", "a@" + String(repeating: "a", count: 64) + ".us",
        "a@b.com\n", "a\n@b.com", "\"test@test\"\n@example.com", "a@[127.0.0.1]\n",
        "example@atm." + String(repeating: "a", count: 64),
        "example@" + String(repeating: "b", count: 64) + ".atm." + String(repeating: "a", count: 63),
        "example@" + String(repeating: String(repeating: "a", count: 63) + ".", count: 100) + "com",
        "a..b@example.com", ".a@example.com", "a.@example.com", "x@example.c0m", "x@example.😀", "x@[01.2.3.4]",
        "x@[1:2]", "x@[12345::]", "x@[::zzz]", "x@[]", "x@example.x",
    ])
    func invalid(_ address: String) {
        #expect(!validator.isValid(address), "\(address)")
    }

    @Test func allowlist() {
        #expect(EmailValidator(allowlist: ["localdomain"]).isValid("email@localdomain"))
        #expect(!EmailValidator(allowlist: ["localdomain"]).isValid("email@localhost"))
    }

    @Test func emailFieldOrderAndMessages() throws {
        let email = EmailField("email", required: false, allowBlank: true, maxLength: 254)
        // A long local part is valid for Django: only the length complains.
        let long = String(repeating: "a", count: 250) + "@b.com"
        #expect(try check(email, .string(long)).messages == ["Ensure this field has no more than 254 characters."])
        let longAndBad = String(repeating: "a", count: 255)
        #expect(
            try check(email, .string(longAndBad)).messages == [
                "Ensure this field has no more than 254 characters.", "Enter a valid email address.",
            ])
        #expect(try check(email, "bad").messages == ["Enter a valid email address."])
        // DRF's EmailField words every refusal of its input this way, non-strings included.
        #expect(try check(email, true).messages == ["Enter a valid email address."])
        #expect(try check(email, ["k": 1]).messages == ["Enter a valid email address."])
        #expect(try check(email, " ada@example.com ").value == "ada@example.com")
        #expect(try check(email, "").value == "")
        #expect(try check(email, .null).messages == ["This field may not be null."])
    }
}
