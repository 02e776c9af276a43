/// Django's `get_object_or_404(queryset, field=value)`, for hand-written views (a plain
/// `ViewSet`'s `retrieve`) and for the generic views' `getObject()`.
///
///     func retrieve(_ request: Request) throws -> Response {
///         let user = try getObjectOr404(User.objects(on: request), where: "pk", equals: .string(kwargs["pk"] ?? ""))
///         return Response(try UserSerializer(instance: user, context: SerializerContext(request: request, view: self)).data)
///     }
///
/// No row: 404 `No User matches the given query.` (the queryset's model name, when it has one;
/// else `Not found.`). A value the field cannot hold (`"abc"` for an integer pk) is 404
/// `Not found.`: where Django lets the `ValueError` through as a 500, the client gets the
/// honest answer. Several rows: `MultipleObjectsReturned` (a 500: the field is not unique).
public func getObjectOr404<Q: Queryable>(
    _ queryset: Q, where field: String, equals value: FieldValue,
    modelName: String? = (Q.self as? any NamedQueryable.Type)?.modelName
) throws -> Q.Element {
    let matches: [Q.Element]
    do {
        // Two rows are enough to tell "one" from "several" (Django's `get()` fetches a few more).
        matches = try queryset.filter(.field(field, .exact(value))).fetch(offset: 0, limit: 2)
    } catch QueryValueError.cannotCoerce {
        throw Http404()
    }
    guard let object = matches.first else {
        throw Http404(modelName.map { "No \($0) matches the given query." })
    }
    guard matches.count == 1 else {
        throw MultipleObjectsReturned(modelName: modelName, lookupField: field)
    }
    return object
}
