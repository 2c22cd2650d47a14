/// A set of ids bound as one JSON array argument (`IN (SELECT value FROM json_each(?))`): any number of ids in one
/// statement, with no limit on SQL variables. Used wherever a read covers many enterprises or hazards at once.
enum IDSet {
    /// The subquery to put inside `IN (…)`; its one argument is `json(ids)`.
    static let sql = "SELECT value FROM json_each(?)"

    static func json(_ ids: some Sequence<Int64>) -> String { "[" + ids.map(String.init).joined(separator: ",") + "]" }
}
