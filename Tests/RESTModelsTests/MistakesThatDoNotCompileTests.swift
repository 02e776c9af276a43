import Foundation
import TestSupport
import Testing

/// Two mistakes the generic views used to let through silently now fail to compile: each
/// snippet is type-checked against the built RESTFramework module, and must fail with the
/// error that names it. A correct snippet type-checks, so a failure cannot come from the setup.
@Suite struct MistakesThatDoNotCompileTests {
    /// `swiftc -typecheck` of `source` (after `import RESTFramework` and a row type); its errors.
    static func typecheck(_ source: String) throws -> (status: Int32, errors: String) {
        let root = NginxProcess.projectRoot
        let bin = ProcessInfo.processInfo.environment["SRF_TEST_BIN"] ?? root + "/.build/debug"
        let file = NSTemporaryDirectory() + "srf-mistake-\(UUID().uuidString).swift"
        defer { unlink(file) }
        try
            ("""
        import RESTFramework
        struct Row: FieldReadable { func fieldValue(_ name: String) -> FieldValue? { nil } }

        """ + source).write(toFile: file, atomically: false, encoding: .utf8)
        let result = try Subprocess.run(
            "/usr/bin/env",
            [
                "swiftc", "-swift-version", "6", "-typecheck", "-I", bin + "/Modules",
                "-Xcc", "-fmodule-map-file=" + bin + "/CMemmem.build/module.modulemap",
                "-Xcc", "-fmodule-map-file=" + root + "/Sources/COpenSSL/module.modulemap", file,
            ])
        return (result.status, result.stderr)
    }

    @Test func theCorrectFormsCompile() throws {
        let result = try Self.typecheck(
            """
            class Base: GenericViewSet<InMemoryQuerySet<Row>>, ListModelMixin {
                func list(_ request: Request) throws -> Response { try listModel(request) }
            }
            final class Sub: Base {
                override func list(_ request: Request) throws -> Response { Response(["sub": true]) }
            }
            struct Polite: Permission { let message = "No."; let code: String? = "no" }
            """)
        #expect(result.status == 0, "\(result.errors)")
    }

    @Test func aMixinWithoutItsActionDoesNotCompile() throws {
        let result = try Self.typecheck(
            """
            final class Widgets: GenericViewSet<InMemoryQuerySet<Row>>, ListModelMixin {}
            """)
        #expect(result.status != 0)
        #expect(result.errors.contains("does not conform to protocol 'ListAction'"), "\(result.errors)")
    }

    /// The silent mistake itself: a composition that left `list` to the mixin, and a subclass
    /// whose `list` was a new method the router never called. Now the composition is refused.
    @Test func aSubclassListOverACompositionWithoutListDoesNotCompile() throws {
        let result = try Self.typecheck(
            """
            class Notes: GenericViewSet<InMemoryQuerySet<Row>>, CreateModelMixin, ListModelMixin {
                func create(_ request: Request) throws -> Response { try createModel(request) }
            }
            final class RecentNotes: Notes {
                func list(_ request: Request) throws -> Response { Response(["never": "called"]) }
            }
            """)
        #expect(result.status != 0)
        #expect(result.errors.contains("does not conform to protocol 'ListAction'"), "\(result.errors)")
    }
}
