import GRDB

extension FetchableRecord where Self: TableRecord {
    /// The record whose `id` is given, through a statement prepared once per connection. Every action looks up its
    /// actor, enterprise, places and hazard this way; the query interface would build and compile the SQL each time.
    static func byID(_ id: Int64, in db: Database) throws -> Self? {
        try fetchOne(db.cachedStatement(sql: "SELECT * FROM \(databaseTableName) WHERE id = ?"), arguments: [id])
    }
}
