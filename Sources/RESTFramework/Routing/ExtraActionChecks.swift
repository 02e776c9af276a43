/// The checks DRF makes (and a few it cannot need, since Python methods have unique names) on a
/// viewset's extra actions before routing them: each refusal says what to rename.
///
///     try ExtraActionChecks.validate(UserViewSet.extraActions, of: UserViewSet.self,
///                                    against: RouteTemplate.simpleRouterRoutes)
enum ExtraActionChecks {
    static func validate(_ actions: [ExtraAction], of viewset: any ViewSetMixin.Type, against routes: [RouteTemplate]) throws {
        let viewsetName = ViewNaming.className(of: viewset)
        let knownActions = Set(
            routes.flatMap { template -> [String] in
                if case .route(let route) = template { return route.mapping.map(\.action.name) }
                return []
            })

        // A handler named like a routed action would be shadowed by it (the viewset's `list`).
        var notAllowed: [String] = []
        for action in actions {
            for name in [action.functionName] + action.mapping.map(\.action) where knownActions.contains(name) && !notAllowed.contains(name)
            {
                notAllowed.append(name)
            }
        }
        if !notAllowed.isEmpty {
            throw ImproperlyConfigured(
                "Cannot use the following extra actions of \(viewsetName), as they are existing routes: \(notAllowed.joined(separator: ", ")). Give each extra action (and each `mapping` handler) a name of its own."
            )
        }

        var handlerNames = Set<String>()
        for action in actions {
            for name in Set([action.functionName] + action.mapping.map(\.action)) where !handlerNames.insert(name).inserted {
                throw ImproperlyConfigured(
                    "The extra actions of \(viewsetName) use the name '\(name)' more than once; each extra action and each `mapping` handler needs its own name."
                )
            }
        }

        var paths: [String: String] = [:]
        for action in actions {
            let path = action.urlPath
            if path.isEmpty || path.hasPrefix("/") || path.hasSuffix("/") || path.contains("//") {
                throw ImproperlyConfigured(
                    "Extra action '\(action.functionName)' of \(viewsetName) has the URL path '\(path)'; give it a `urlPath:` that is not empty and neither starts nor ends with '/'."
                )
            }
            let key = "\(action.detail)|\(path)"
            if let other = paths[key] {
                throw ImproperlyConfigured(
                    "Extra actions '\(other)' and '\(action.functionName)' of \(viewsetName) share the URL path '\(path)' (detail: \(action.detail)), so one route would hide the other; give one of them another `urlPath:`."
                )
            }
            paths[key] = action.functionName
        }
    }
}
