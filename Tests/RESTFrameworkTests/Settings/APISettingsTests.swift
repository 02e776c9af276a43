import Testing
@testable import RESTFramework

/// `APISettings` shares its values between copies (one box): a change must still be a value
/// change, seen by that copy only, and fresh settings must keep DRF's defaults.
@Suite struct APISettingsTests {
    @Test func freshSettingsHaveDRFsDefaults() {
        let settings = APISettings()
        #expect(settings.authenticationClasses.isEmpty)
        #expect(settings.permissionClasses.count == 1 && settings.permissionClasses[0] is AllowAny)
        #expect(
            settings.parserClasses.map(\.mediaType) == ["application/json", "application/x-www-form-urlencoded", "multipart/form-data"])
        #expect(settings.rendererClasses.map(\.mediaType) == ["application/json", "text/html"])
        #expect(settings.urlFormatOverride == "format")
        #expect(settings.formatSuffixKwarg == "format")
        #expect(settings.nonFieldErrorsKey == "non_field_errors")
        #expect(settings.appendSlash)
        #expect(settings.pageSize == nil)
        #expect(settings.urlFieldName == "url")
    }

    @Test func aChangeIsSeenByThatCopyOnly() {
        let defaults = APISettings()
        var changed = defaults
        changed.pageSize = 5
        changed.appendSlash = false
        changed.permissionClasses = [IsAuthenticated()]
        changed.nonFieldErrorsKey = "errors"
        #expect(changed.pageSize == 5 && !changed.appendSlash && changed.nonFieldErrorsKey == "errors")
        #expect(changed.permissionClasses[0] is IsAuthenticated)
        #expect(defaults.pageSize == nil && defaults.appendSlash && defaults.nonFieldErrorsKey == "non_field_errors")
        #expect(defaults.permissionClasses[0] is AllowAny)
        // Another fresh value is not affected either (the defaults are shared).
        #expect(APISettings().pageSize == nil && APISettings().permissionClasses[0] is AllowAny)
    }
}
