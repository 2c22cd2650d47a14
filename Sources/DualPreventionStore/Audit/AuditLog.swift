import Crypto
import DualPrevention
import Foundation
import GRDB

/// What an action records; the log adds the sequence number and the chain.
public struct AuditDraft: Sendable {
    public var actor: Actor
    public var action: String
    public var objectType: String
    public var objectID: Int64
    public var enterpriseID: Int64?
    public var summary: String
    public var payload: String
    public var evidence: [String] = []

    public init(
        actor: Actor,
        action: String,
        objectType: String,
        objectID: Int64,
        enterpriseID: Int64?,
        summary: String,
        payload: String,
        evidence: [String] = []
    ) {
        self.actor = actor
        self.action = action
        self.objectType = objectType
        self.objectID = objectID
        self.enterpriseID = enterpriseID
        self.summary = summary
        self.payload = payload
        self.evidence = evidence
    }
}

/// The append-only, hash-chained audit log. Each hash is SHA-256 over the previous hash and the
/// canonical encoding of the entry, so an edit, a deletion or a reordering breaks the chain. The chain itself
/// (`Canonical`, `link`, `Walk`) knows no database: every store appends and verifies with it, so that the same entries
/// give the same hashes on SQLite and on PostgreSQL.
public enum AuditLog {
    public static let genesis = String(repeating: "0", count: 64)

    /// The fields that are hashed; `at` is kept as the text it was hashed from.
    public struct Canonical: Sendable, Hashable {
        public var seq: Int64
        public var at: String
        public var actorID: Int64
        public var actorName: String
        public var action: String
        public var objectType: String
        public var objectID: Int64
        public var enterpriseID: Int64?
        public var summary: String
        public var payload: String
        public var evidence: [String]

        public init(
            seq: Int64,
            at: String,
            actorID: Int64,
            actorName: String,
            action: String,
            objectType: String,
            objectID: Int64,
            enterpriseID: Int64?,
            summary: String,
            payload: String,
            evidence: [String]
        ) {
            self.seq = seq
            self.at = at
            self.actorID = actorID
            self.actorName = actorName
            self.action = action
            self.objectType = objectType
            self.objectID = objectID
            self.enterpriseID = enterpriseID
            self.summary = summary
            self.payload = payload
            self.evidence = evidence
        }

        /// The bytes the hash covers, written here rather than by a JSON library so that any store, or a verifier
        /// written in another language, can reproduce them exactly. It is one line of JSON:
        /// - the keys in this order (sorted): action, actorID, actorName, at, enterpriseID, evidence, objectID,
        ///   objectType, payload, seq, summary; `enterpriseID` left out when there is none; no spaces;
        /// - integers in decimal; `evidence` an array of strings;
        /// - strings in double quotes, escaping `"` and `\` with a backslash, U+0008, U+0009, U+000A, U+000C and
        ///   U+000D as `\b \t \n \f \r`, other characters below U+0020 as `\u00xx` (lower-case hex), and
        ///   everything else (`/` and all non-ASCII) as its raw UTF-8.
        /// These are the bytes the chain has always hashed (Foundation's encoder with sorted keys and unescaped
        /// slashes wrote the same), so existing logs verify unchanged.
        public var body: [UInt8] {
            var out: [UInt8] = []
            out.reserveCapacity(256 + payload.utf8.count + summary.utf8.count)
            func key(_ name: String, first: Bool = false) {
                if !first { out.append(UInt8(ascii: ",")) }
                string(name)
                out.append(UInt8(ascii: ":"))
            }
            func string(_ text: String) { CanonicalJSON.appendString(text, to: &out) }
            func integer(_ value: Int64) { out += Array(String(value).utf8) }
            out.append(UInt8(ascii: "{"))
            key("action", first: true)
            string(action)
            key("actorID")
            integer(actorID)
            key("actorName")
            string(actorName)
            key("at")
            string(at)
            if let enterpriseID {
                key("enterpriseID")
                integer(enterpriseID)
            }
            key("evidence")
            out.append(UInt8(ascii: "["))
            for (index, item) in evidence.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                string(item)
            }
            out.append(UInt8(ascii: "]"))
            key("objectID")
            integer(objectID)
            key("objectType")
            string(objectType)
            key("payload")
            string(payload)
            key("seq")
            integer(seq)
            key("summary")
            string(summary)
            out.append(UInt8(ascii: "}"))
            return out
        }

        /// SHA-256 over the previous hash, a line feed, and `body`.
        public func hash(after previous: String) -> String {
            var hasher = SHA256()
            hasher.update(data: Array(previous.utf8))
            hasher.update(data: [0x0A])
            hasher.update(data: body)
            return Hex.encode(hasher.finalize())
        }
    }

    public static func timestamp(_ date: Date) -> String { DateText.iso8601(date) }

    /// The entry a draft becomes after the chain's last entry (`seq` and `hash`; nil for an empty log): its
    /// sequence number, its time as hashed, its evidence in order, and the hashes that chain it.
    public struct Link: Sendable, Hashable {
        public var canonical: Canonical
        public var prevHash: String
        public var hash: String

        public init(canonical: Canonical, prevHash: String, hash: String) {
            self.canonical = canonical
            self.prevHash = prevHash
            self.hash = hash
        }

        /// The entry as `history` returns it.
        public var entry: AuditEntry {
            AuditEntry(
                seq: canonical.seq,
                at: (try? Date(canonical.at, strategy: .iso8601)) ?? .distantPast,
                actorID: canonical.actorID,
                actorName: canonical.actorName,
                action: canonical.action,
                objectType: canonical.objectType,
                objectID: canonical.objectID,
                enterpriseID: canonical.enterpriseID,
                summary: canonical.summary,
                payload: canonical.payload,
                evidence: canonical.evidence,
                prevHash: prevHash,
                hash: hash
            )
        }
    }

    public static func link(after last: (seq: Int64, hash: String)?, _ draft: AuditDraft, at now: Date) -> Link {
        let seq = (last?.seq ?? 0) + 1
        let prevHash = last?.hash ?? genesis
        let canonical = Canonical(
            seq: seq,
            at: timestamp(now),
            actorID: draft.actor.id,
            actorName: draft.actor.signature,
            action: draft.action,
            objectType: draft.objectType,
            objectID: draft.objectID,
            enterpriseID: draft.enterpriseID,
            summary: draft.summary,
            payload: draft.payload,
            evidence: draft.evidence.sorted()
        )
        return Link(canonical: canonical, prevHash: prevHash, hash: canonical.hash(after: prevHash))
    }

    /// Appends one entry inside the caller's transaction.
    @discardableResult
    static func append(_ draft: AuditDraft, at now: Date, in db: any SQLContext) throws -> AuditEntry {
        // Both statements are prepared once per connection: every write of the program comes through here. Writers
        // take turns (SQLite's one writer; on PostgreSQL the store's write lock), so the last entry stays the last.
        let last = try Row.fetchOne(db, sql: "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1")
        let linked = link(after: last.map { ($0["seq"], $0["hash"]) }, draft, at: now)
        let (c, prevHash, hash) = (linked.canonical, linked.prevHash, linked.hash)
        try db.execute(
            sql: """
                INSERT INTO audit_log (seq, at, actor_id, actor_name, action, object_type, object_id, enterprise_id,
                                       summary, payload, evidence, prev_hash, hash)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                c.seq, c.at, c.actorID, c.actorName, c.action, c.objectType, c.objectID,
                c.enterpriseID, c.summary, c.payload, jsonArray(c.evidence), prevHash, hash,
            ]
        )
        var entry = linked.entry
        entry.at = now
        return entry
    }

    /// A JSON array of strings, as Foundation's encoder writes it (which escapes `/` as `\/`): written by hand, as
    /// every action writes one and most are empty.
    public static func jsonArray(_ strings: [String]) -> String {
        guard !strings.isEmpty else { return "[]" }
        var out: [UInt8] = [UInt8(ascii: "[")]
        for (index, string) in strings.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            var quoted: [UInt8] = []
            CanonicalJSON.appendString(string, to: &quoted)
            for byte in quoted {
                if byte == UInt8(ascii: "/") { out.append(UInt8(ascii: "\\")) }
                out.append(byte)
            }
        }
        out.append(UInt8(ascii: "]"))
        return String(decoding: out, as: UTF8.self)
    }

    public static func decodeArray(_ text: String) -> [String] {
        (try? JSONDecoder().decode([String].self, from: Data(text.utf8))) ?? []
    }

    /// One stored row as the chain sees it (the PostgreSQL store reads its rows the same way).
    static func link(_ row: Row) -> Link {
        let canonical = Canonical(
            seq: row["seq"],
            at: row["at"],
            actorID: row["actor_id"],
            actorName: row["actor_name"],
            action: row["action"],
            objectType: row["object_type"],
            objectID: row["object_id"],
            enterpriseID: row["enterprise_id"],
            summary: row["summary"],
            payload: row["payload"],
            evidence: decodeArray(row["evidence"])
        )
        return Link(canonical: canonical, prevHash: row["prev_hash"], hash: row["hash"])
    }

    static func entry(_ row: Row) -> AuditEntry { link(row).entry }

    /// Walks the whole chain in order and names the first entry that does not hold.
    /// Read a page of entries at a time (by sequence number, so each page is found through the key), not the
    /// whole log at once.
    static func verify(_ db: any SQLContext, expectedHead: String?) throws -> AuditReport {
        var walk = Walk()
        var after = Int64.min
        walking: while true {
            let rows = try Row.fetchAll(db, sql: "SELECT * FROM audit_log WHERE seq > ? ORDER BY seq LIMIT 5000", arguments: [after])
            for row in rows {
                let stored = link(row)
                guard walk.step(stored.canonical, prevHash: stored.prevHash, hash: stored.hash) else { break walking }
                after = stored.canonical.seq
            }
            if rows.count < 5000 { break }
        }
        return walk.report(expectedHead: expectedHead)
    }

    /// A chain walked in order, an entry at a time, as any store reads it: the first entry that does not hold
    /// (a gap in the sequence, a previous-hash that does not match, content that does not match its hash) stops it.
    public struct Walk: Sendable {
        public private(set) var previous = AuditLog.genesis
        public private(set) var count = 0
        public private(set) var broken: AuditReport.Broken?
        private var expectedSeq: Int64 = 1

        public init() {}

        /// Takes the next entry as stored; false once the chain is broken (the walk has stopped).
        public mutating func step(_ canonical: Canonical, prevHash: String, hash stored: String) -> Bool {
            guard broken == nil else { return false }
            let seq = canonical.seq
            count += 1
            guard seq == expectedSeq else {
                broken = .init(seq: seq, problem: "entry \(expectedSeq) is missing: the sequence jumps from \(expectedSeq - 1) to \(seq)")
                return false
            }
            guard prevHash == previous else {
                broken = .init(
                    seq: seq,
                    problem: "its previous-hash does not match the hash of entry \(seq - 1): entries were removed, reordered or rewritten"
                )
                return false
            }
            guard canonical.hash(after: previous) == stored else {
                broken = .init(seq: seq, problem: "its content does not match its hash: the entry was edited after it was written")
                return false
            }
            previous = stored
            expectedSeq += 1
            return true
        }

        /// What the walk found; with `expectedHead`, a chain that ends elsewhere lost entries from its end.
        public func report(expectedHead: String?) -> AuditReport {
            if let broken { return AuditReport(entries: count, headHash: previous, firstBroken: broken) }
            if let expectedHead, expectedHead != previous {
                return AuditReport(
                    entries: count,
                    headHash: previous,
                    firstBroken: .init(
                        seq: expectedSeq,
                        problem:
                            "the chain ends at \(previous.prefix(12))…, not at the expected head \(expectedHead.prefix(12))…: entries were removed from the end"
                    )
                )
            }
            return AuditReport(entries: count, headHash: previous, firstBroken: nil)
        }
    }
}
