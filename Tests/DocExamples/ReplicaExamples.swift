// The `///` examples of read replicas (Sources/PostgreSQL/Replicas, Sources/RESTModels/Replicas),
// compiled (DocCommentExampleTests finds them here).
import PostgreSQL
import RESTFramework
import RESTModels

enum ReplicaExamples {
    // LogSequenceNumber
    static func position() {
        let written = LogSequenceNumber("16/B374D848")!
        written <= LogSequenceNumber("16/B374D900")!   // true: that replica has it
    }

    // ReplicaSet
    static func replicaSet(_ primary: PostgresConfiguration) {
        let replicas = ReplicaSet(primary: primary, replicaURLs: ["postgres://app@replica1/app"], maxLag: .seconds(5))
        replicas.start()
        replicas.choose(seeing: nil, from: 0)   // 0 once the first round found replica 0 healthy
    }

    // ReadAfterWrite
    static func readAfterWrite() {
        let readAfterWrite = ReadAfterWrite(secretKey: "s3cret")
        let signed = readAfterWrite.value(for: LogSequenceNumber("0/3000060")!)   // "0/3000060:…"
        readAfterWrite.cookie(signed: signed)   // "srf_lsn=0/3000060:…; expires=…; HttpOnly; Max-Age=300; Path=/; SameSite=Lax"
    }

    // ReadReplicaRouter
    static func router(_ replicas: ReplicaSet, key: String, request: Request) {
        let router = ReadReplicaRouter(replicas: replicas, readAfterWrite: ReadAfterWrite(secretKey: key))
        router.beginRequest()
        request.readRouting = router
    }

    // Request.database(_:), Model.objects(on:using:), QuerySet.using(_: DatabaseChoice)
    static func using(_ request: Request, id: Int64) throws {
        let notes = try Note.objects.using(request.database(.replica)).count()
        let fresh = try Note.objects(on: request, using: .primary).get(pk: .int(id))
        let current = try Note.objects(on: request).using(.primary).get(pk: .int(id))
        _ = (notes, fresh, current)
    }
}
