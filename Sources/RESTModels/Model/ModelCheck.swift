import PostgreSQL
import RESTFramework

/// Django's `manage.py check` for models, against the database: each model's declaration
/// compared with its table, once at startup, so that a drifted model fails the start rather than
/// the first request that decodes it.
///
///     let differences = try ModelCheck.differences(of: [Note.self, User.self], on: connection)
///     for difference in differences { print(difference) }
///
/// Relations are checked too (`ModelComparison.relationDifferences`): their key columns, target
/// and join tables exist, and each key has the type of the key it points at.
///
/// It runs one catalog query for every model's table (and its relations' tables), one `SELECT <select list> FROM <table>
/// WHERE false` per model (which runs the annotations' SQL without reading a row) and, when an
/// annotation's type is needed, one query naming the result's types. Every difference is
/// reported, not only the first.
public enum ModelCheck {
    /// Every difference between `models` and their tables on `connection` (its `search_path`
    /// finds the tables); empty when they agree. Throws only when the database cannot be asked.
    public static func differences(of models: [any Model.Type], on connection: Connection) throws -> [ModelDifference] {
        // Each table once: two models may share one (each would list its columns twice). The
        // relations' targets and join tables too.
        let layouts = models.map { ModelLayout.of($0) }
        let tables = try TableCatalog(tables: Array(Set(layouts.flatMap { [$0.table] + $0.relatedTables })), on: connection)
        var differences: [ModelDifference] = []
        for model in models {
            differences += try ModelComparison(model, tables: tables, connection: connection).differences()
        }
        return differences
    }

    /// The check's report: one line per difference, or nil when there is none.
    public static func report(of models: [any Model.Type], on connection: Connection) throws -> String? {
        let found = try differences(of: models, on: connection)
        guard !found.isEmpty else { return nil }
        return "the models do not match the database (\(found.count) difference\(found.count == 1 ? "" : "s")):\n"
            + found.map { "  " + $0.description }.joined(separator: "\n")
    }
}

/// One way a model disagrees with its table.
public struct ModelDifference: Sendable, Hashable, CustomStringConvertible {
    /// `Note`
    public let model: String
    /// `authorID`; nil for the table, or a column the model has no field for.
    public let property: String?
    /// `author_id`; nil when the difference is about the whole table.
    public let column: String?
    /// What differs, both sides: `column "author_id" of "notes" is bigint NULL; the model reads
    /// Int64 (not Optional): declare Int64?`.
    public let message: String

    /// `Note.authorID: column "author_id" of "notes" is bigint NULL; ...`
    public var description: String { model + (property.map { "." + $0 } ?? "") + ": " + message }
}

extension ColumnType {
    /// The PostgreSQL types (`pg_type.typname`) whose values this type reads: the one table the
    /// check compares columns with. A `switch`, so a new case cannot be left out.
    var postgresTypeNames: [String] {
        switch self {
        case .int: return ["int2", "int4", "int8"]
        case .text: return ["text", "varchar", "bpchar"]
        case .bool: return ["bool"]
        case .double: return ["float8", "float4"]
        case .timestamptz: return ["timestamptz"]
        // Narrower Swift types read only their own width: an int4 into Int16 could overflow,
        // a float8 into Float would round.
        case .smallint: return ["int2"]
        case .real: return ["float4"]
        case .numeric: return ["numeric"]
        case .uuid: return ["uuid"]
        case .date: return ["date"]
        case .time: return ["time"]
        case .interval: return ["interval"]
        // A `JSON` property reads either (its ColumnType says jsonb whatever the column is).
        case .json, .jsonb: return ["json", "jsonb"]
        case .bytea: return ["bytea"]
        case .textArray: return ["_text", "_varchar"]
        case .smallintArray: return ["_int2"]
        case .integerArray: return ["_int2", "_int4"]
        case .bigintArray: return ["_int2", "_int4", "_int8"]
        }
    }
}

/// The columns of the models' tables, from one catalog query.
struct TableCatalog {
    struct TableColumn {
        let name: String
        /// `pg_type.typname`: `int8`, `varchar`.
        let typeName: String
        /// `format_type`: `bigint`, `character varying(20)`.
        let sqlType: String
        let notNull: Bool
        /// A default, an identity or a generated column: an INSERT may leave it out.
        let hasDefault: Bool
    }

    /// By the table as the model quotes it (`"notes"`); a table that does not exist is absent.
    let columns: [String: [TableColumn]]

    init(tables: [String], on connection: Connection) throws {
        // `to_regclass` resolves each name on the connection's search_path, as the model's
        // statements do; the names arrive as one bound text[] parameter.
        let result = try connection.query(
            """
            SELECT t.name, a.attname::text, ty.typname::text, format_type(a.atttypid, a.atttypmod),
                   a.attnotnull, a.atthasdef OR a.attidentity <> '' OR a.attgenerated <> ''
            FROM unnest($1::text[]) AS t(name)
            JOIN pg_attribute a ON a.attrelid = to_regclass(t.name)
            JOIN pg_type ty ON ty.oid = a.atttypid
            WHERE a.attnum > 0 AND NOT a.attisdropped
            ORDER BY t.name, a.attnum
            """, tables)
        var columns: [String: [TableColumn]] = [:]
        for row in result {
            let table: String = try row[0]
            columns[table, default: []].append(
                TableColumn(
                    name: try row[1], typeName: try row[2], sqlType: try row[3], notNull: try row[4],
                    hasDefault: try row[5]))
        }
        self.columns = columns
    }
}

/// One model against its table.
struct ModelComparison {
    /// A field of the model as the check sees it: from `Fields`, or from a hand-written `columns`.
    struct Property {
        /// The column; nil for a property that is not a column.
        let column: ModelLayout.ColumnInfo?
        /// `authorID`; nil for a hand-written model (its columns carry no key path).
        let name: String?
        /// `Int64?`
        let valueType: String
        /// `MemoryLayout.offset(of:)` of its key path; nil for a hand-written model.
        let offset: Int?
    }

    let modelName: String
    let layout: ModelLayout
    let properties: [Property]
    let tables: TableCatalog
    let connection: Connection
    /// What the serializers read beyond the type (`ColumnOptions`), by column, and
    /// `Model.uniqueTogether` as column names: compared in `ModelCheck+Options.swift`.
    let columnOptions: [(name: String, options: ColumnOptions)]
    let uniqueTogether: [[String]]

    init<M: Model>(_ model: M.Type, tables: TableCatalog, connection: Connection) {
        modelName = String(describing: M.self)
        columnOptions = M.columns.filter(\.isWritable).map { ($0.name, $0.options) }
        let description = ModelDescription<M>()
        uniqueTogether = M.uniqueTogether.map { set in set.map { description.columnName(of: $0) ?? $0 } }
        let layout = ModelLayout.of(M.self)
        self.layout = layout
        if let declaration = M.fields as? any ModelDeclaration {
            properties = declaration.checkedProperties(columns: layout.columns)
        } else {
            properties = layout.columns.map {
                Property(column: $0, name: nil, valueType: Self.describe($0.type, nullable: $0.isNullable), offset: nil)
            }
        }
        self.tables = tables
        self.connection = connection
    }

    func differences() throws -> [ModelDifference] {
        guard let tableColumns = tables.columns[layout.table] else {
            return [difference(nil, nil, "table \(layout.table) does not exist (are the migrations applied?)")]
        }
        var found = order()
        var byName: [String: TableCatalog.TableColumn] = [:]
        for column in tableColumns { byName[column.name] = column }
        for property in properties {
            guard let column = property.column, column.isWritable else { continue }
            guard let stored = byName[column.name] else {
                found.append(
                    difference(
                        property, column.name,
                        "column \"\(column.name)\" of \(layout.table) does not exist; the model reads \(property.valueType)"))
                continue
            }
            found += compare(property, column, with: stored)
        }
        let declared = Set(layout.columns.filter(\.isWritable).map(\.name))
        for stored in tableColumns where stored.notNull && !stored.hasDefault && !declared.contains(stored.name) {
            found.append(
                difference(
                    nil, stored.name,
                    "column \"\(stored.name)\" of \(layout.table) is \(stored.sqlType) NOT NULL without a default, and the "
                        + "model has no field for it: every INSERT would fail; declare it"))
        }
        found += relationDifferences(byName)
        found += try optionDifferences(byName)
        // The select list runs only when its columns exist: otherwise its error repeats the above.
        if found.isEmpty { found += try annotations() }
        return found
    }

    /// Fields in the memberwise initializer's order, which is the properties' (their offsets
    /// increase): two same-typed fields swapped compile, and would read each other's column.
    private func order() -> [ModelDifference] {
        let placed = properties.compactMap { property in property.offset.map { (property, $0) } }
        let byOffset = placed.sorted { $0.1 < $1.1 }.map(\.0)
        var found: [ModelDifference] = []
        for (property, expected) in zip(placed.map(\.0), byOffset) where property.name != expected.name {
            let field = "Field(" + (property.column.map { "\"\($0.name)\", " } ?? "") + "\\.\(property.name ?? "?"))"
            found.append(
                difference(
                    property, property.column?.name,
                    "\(field) stands where the memberwise initializer takes \(expected.name ?? "?"): "
                        + "list the fields in the properties' order"))
        }
        return found
    }

    private func compare(
        _ property: Property, _ column: ModelLayout.ColumnInfo, with stored: TableCatalog.TableColumn
    ) -> [ModelDifference] {
        var found: [ModelDifference] = []
        let accepted = column.type.postgresTypeNames
        if !accepted.contains(stored.typeName) {
            found.append(
                difference(
                    property, column.name,
                    "column \"\(column.name)\" of \(layout.table) is \(stored.sqlType); the model reads \(property.valueType), "
                        + "which needs \(Self.list(accepted))"))
        }
        if !stored.notNull && !column.isNullable {
            found.append(
                difference(
                    property, column.name,
                    "column \"\(column.name)\" of \(layout.table) is \(stored.sqlType) NULL; the model reads "
                        + "\(property.valueType) (not Optional): declare \(property.valueType)?"))
        }
        return found
    }

    /// Runs the select list without reading a row: the annotations' SQL, and their types.
    private func annotations() throws -> [ModelDifference] {
        let result: QueryResult
        do {
            result = try connection.query(layout.selectPrefix + " WHERE false")
        } catch let error as PostgresError {
            return try failingAnnotations(error)
        }
        var found: [ModelDifference] = []
        var unexpected: [(Property, ModelLayout.ColumnInfo, UInt32)] = []
        let columns = properties.compactMap { property in property.column.map { (property, $0) } }
        for (index, (property, column)) in columns.enumerated() where !column.isWritable && index < result.columnCount {
            unexpected.append((property, column, result.columnType(index).rawValue))
        }
        guard !unexpected.isEmpty else { return [] }
        let names = try typeNames(unexpected.map(\.2))
        for (property, column, oid) in unexpected {
            guard let (typeName, sqlType) = names[oid], !column.type.postgresTypeNames.contains(typeName) else { continue }
            found.append(
                difference(
                    property, column.name,
                    "annotation \"\(column.name)\" is \(sqlType); the model reads \(property.valueType), "
                        + "which needs \(Self.list(column.type.postgresTypeNames))"))
        }
        return found
    }

    /// The select list failed: each annotation alone, to name the one(s) at fault.
    private func failingAnnotations(_ error: PostgresError) throws -> [ModelDifference] {
        var found: [ModelDifference] = []
        for property in properties {
            guard let column = property.column, !column.isWritable else { continue }
            do {
                _ = try connection.query("SELECT " + column.sql + " FROM " + layout.table + " WHERE false")
            } catch let failure as PostgresError {
                found.append(
                    difference(
                        property, column.name, "the SQL of annotation \"\(column.name)\" fails: \(Self.firstLine(failure.message))"))
            }
        }
        if found.isEmpty {
            found.append(difference(nil, nil, "its SELECT fails: \(Self.firstLine(error.message))"))
        }
        return found
    }

    /// `typname` and `format_type` of each type oid, in one query.
    private func typeNames(_ oids: [UInt32]) throws -> [UInt32: (String, String)] {
        let result = try connection.query(
            "SELECT oid::int8, typname::text, format_type(oid, NULL) FROM pg_type WHERE oid::int8 = ANY ($1::int8[])",
            oids.map(Int64.init))
        var names: [UInt32: (String, String)] = [:]
        for row in result {
            let oid: Int64 = try row[0]
            names[UInt32(truncatingIfNeeded: oid)] = (try row[1], try row[2])
        }
        return names
    }

    func difference(_ property: Property?, _ column: String?, _ message: String) -> ModelDifference {
        ModelDifference(model: modelName, property: property?.name ?? property?.column?.name, column: column, message: message)
    }

    private static func list(_ names: [String]) -> String {
        names.count < 2 ? names.joined() : names.dropLast().joined(separator: ", ") + " or " + names[names.count - 1]
    }

    private static func firstLine(_ message: String) -> String {
        String(message.prefix { $0 != "\n" })
    }

    /// A hand-written column's Swift side, as far as its `ColumnType` tells it: `.int`, `.text (nullable)`.
    static func describe(_ type: ColumnType, nullable: Bool) -> String {
        "." + String(describing: type) + (nullable ? " (nullable)" : "")
    }
}

extension ModelDeclaration {
    /// The declared fields with their columns (matched by name) and offsets.
    func checkedProperties(columns: [ModelLayout.ColumnInfo]) -> [ModelComparison.Property] {
        declared.map { field in
            ModelComparison.Property(
                column: field.name.flatMap { name in columns.first { $0.name == name } },
                name: field.propertyName, valueType: Self.swiftName(field.valueType),
                offset: MemoryLayout<DeclaredModel>.offset(of: field.keyPath))
        }
    }

    /// `Int64?` for `Optional<Int64>`.
    static func swiftName(_ type: String) -> String {
        guard type.hasPrefix("Optional<"), type.hasSuffix(">") else { return type }
        return String(type.dropFirst("Optional<".count).dropLast()) + "?"
    }
}
