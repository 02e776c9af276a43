import ReferenceAPI

// `User` is also the framework's protocol; files that import both modules use this name for
// the application's model. (Only ReferenceAPI is imported here, so `User` is its model.)
typealias UserModel = User
