/// A set of ids bound as one JSON array argument (`IN (\(db.idSet))`, `SQLContext.idSet`): any number of ids in one
/// statement, with no limit on SQL variables. Used wherever a read covers many enterprises or hazards at once.
enum IDSet {
    static func json(_ ids: some Sequence<Int64>) -> String { "[" + ids.map(String.init).joined(separator: ",") + "]" }

    /// Texts (check periods) as one JSON array argument, each escaped as canonical JSON writes it.
    static func jsonStrings(_ texts: some Sequence<String>) -> String {
        var out: [UInt8] = [UInt8(ascii: "[")]
        for (index, text) in texts.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            CanonicalJSON.appendString(text, to: &out)
        }
        out.append(UInt8(ascii: "]"))
        return String(decoding: out, as: UTF8.self)
    }
}
