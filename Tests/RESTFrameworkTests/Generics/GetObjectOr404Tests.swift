import Testing
@testable import RESTFramework

/// Django's `get_object_or_404` for hand-written views.
@Suite struct GetObjectOr404Tests {
    struct Row: FieldReadable {
        let id: Int64
        let tag: String
        func fieldValue(_ name: String) -> FieldValue? {
            switch name {
            case "id", "pk": .int(id)
            case "tag": .string(tag)
            default: nil
            }
        }
    }

    let rows = InMemoryQuerySet([Row(id: 1, tag: "a"), Row(id: 2, tag: "b"), Row(id: 3, tag: "b")])

    @Test func theOneMatchingRow() throws {
        #expect(try getObjectOr404(rows, where: "pk", equals: "2").id == 2)
        #expect(try getObjectOr404(rows, where: "tag", equals: "a").id == 1)
    }

    @Test func noRowIsTheModelsMessageWhenItHasAName() {
        #expect(detail { try getObjectOr404(rows, where: "pk", equals: "9") } == "Not found.")
        #expect(
            detail { try getObjectOr404(rows, where: "pk", equals: "99999999999999999999", modelName: "Row") }
                == "No Row matches the given query.")
        #expect(
            detail { try getObjectOr404(WidgetQuerySet(store: .seeded()), where: "pk", equals: "9") }
                == "No Widget matches the given query.")
    }

    @Test func aValueTheFieldCannotHoldIsABare404() {
        #expect(detail { try getObjectOr404(rows, where: "pk", equals: "abc", modelName: "Row") } == "Not found.")
    }

    @Test func severalRowsAreAServerError() {
        #expect(throws: MultipleObjectsReturned.self) { try getObjectOr404(rows, where: "tag", equals: "b") }
    }

    func detail(_ body: () throws -> Row) -> String? {
        do {
            _ = try body()
            return nil
        } catch let error as Http404 {
            return error.message
        } catch {
            return "\(error)"
        }
    }

    func detail(_ body: () throws -> Widget) -> String? {
        do {
            _ = try body()
            return nil
        } catch let error as Http404 {
            return error.message
        } catch {
            return "\(error)"
        }
    }
}
