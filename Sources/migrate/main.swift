// migrate: applies the SQL files of `migrations/` to DATABASE_URL, or says where they stand.
// The commands are `MigrateCommand`'s (Sources/Commands), which a server binary built on
// `APIServerMain` offers too (`my-api migrate check`).
//
//     migrate                      apply what is pending
//     migrate status               list applied and pending files
//     migrate check                exit 1 when a file is pending or changed
//     migrate plan                 what would be applied, in order
//     migrate new add_notes_index  the next numbered file
//     migrate --dir db/migrations --database-url postgres://app@db/app
import Commands

CommandMain.run(MigrateCommand.self) { command in
    try MigrateCommand.execute(command, defaultDirectory: "migrations", program: "migrate")
}
