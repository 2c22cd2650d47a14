import GRDB

extension FetchableRecord where Self: TableRecord {
    /// The record whose `id` is given, through a statement prepared once per connection. Every action looks up its
    /// actor, enterprise, places and hazard this way; the query interface would build and compile the SQL each time.
    static func byID(_ id: Int64, in db: any SQLContext) throws -> Self? {
        try fetchOne(db, sql: "SELECT * FROM \(databaseTableName) WHERE id = ?", arguments: [id])
    }
}

/// One row's few columns by id, for the checks an action makes on the records around it (a workshop's enterprise, a
/// jurisdiction's parent): a cached statement and no record decoding. `nil` when there is no such row.
enum Lookup {
    static func row(_ sql: String, _ id: Int64, in db: any SQLContext) throws -> Row? {
        try Row.fetchOne(db, sql: sql, arguments: [id])
    }

    /// The one column of a row by id: `.some(nil)` when it is NULL, `nil` when there is no such row. A value of
    /// the wrong type (edited behind the program's back) throws rather than crashes.
    static func column(_ sql: String, _ id: Int64, in db: any SQLContext) throws -> Int64?? {
        guard let row = try row(sql, id, in: db) else { return nil }
        return .some(try row.decode(Int64?.self, atIndex: 0))
    }

    /// The enterprise a row of `table` belongs to (`workshop`, `risk_point`), or `nil` when there is no such row.
    static func enterpriseID(ofRowIn table: String, id: Int64, in db: any SQLContext) throws -> Int64? {
        try column("SELECT enterprise_id FROM \(table) WHERE id = ?", id, in: db) ?? nil
    }

    /// Where an enterprise is registered and its time zone.
    static func enterprisePlace(_ id: Int64, in db: any SQLContext) throws -> (jurisdictionID: Int64, timeZoneID: String)? {
        guard let row = try row("SELECT jurisdiction_id, time_zone_id FROM enterprise WHERE id = ?", id, in: db) else { return nil }
        return (try row.decode(atIndex: 0), try row.decode(atIndex: 1))
    }
}
