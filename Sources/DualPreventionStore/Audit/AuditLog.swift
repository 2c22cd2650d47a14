import Crypto
import DualPrevention
import Foundation
import GRDB

/// What an action records; the log adds the sequence number and the chain.
struct AuditDraft: Sendable {
    var actor: Actor
    var action: String
    var objectType: String
    var objectID: Int64
    var enterpriseID: Int64?
    var summary: String
    var payload: String
    var evidence: [String] = []
}

/// The append-only, hash-chained audit log. Each hash is SHA-256 over the previous hash and the
/// canonical encoding of the entry, so an edit, a deletion or a reordering breaks the chain.
enum AuditLog {
    static let genesis = String(repeating: "0", count: 64)

    /// The fields that are hashed; `at` is kept as the text it was hashed from.
    struct Canonical {
        var seq: Int64
        var at: String
        var actorID: Int64
        var actorName: String
        var action: String
        var objectType: String
        var objectID: Int64
        var enterpriseID: Int64?
        var summary: String
        var payload: String
        var evidence: [String]

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
        var body: [UInt8] {
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
        func hash(after previous: String) -> String {
            var hasher = SHA256()
            hasher.update(data: Array(previous.utf8))
            hasher.update(data: [0x0A])
            hasher.update(data: body)
            return Hex.encode(hasher.finalize())
        }
    }

    static func timestamp(_ date: Date) -> String { DateText.iso8601(date) }

    /// Appends one entry inside the caller's transaction.
    @discardableResult
    static func append(_ draft: AuditDraft, at now: Date, in db: Database) throws -> AuditEntry {
        // Both statements are prepared once per connection: every write of the program comes through here.
        let last = try Row.fetchOne(db.cachedStatement(sql: "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1"))
        let seq: Int64 = (last?["seq"] ?? 0) + 1
        let prevHash: String = last?["hash"] ?? genesis
        let at = timestamp(now)
        let evidence = draft.evidence.sorted()
        let canonical = Canonical(
            seq: seq,
            at: at,
            actorID: draft.actor.id,
            actorName: draft.actor.name,
            action: draft.action,
            objectType: draft.objectType,
            objectID: draft.objectID,
            enterpriseID: draft.enterpriseID,
            summary: draft.summary,
            payload: draft.payload,
            evidence: evidence
        )
        let hash = canonical.hash(after: prevHash)
        try db.cachedStatement(
            sql: """
                INSERT INTO audit_log (seq, at, actor_id, actor_name, action, object_type, object_id, enterprise_id,
                                       summary, payload, evidence, prev_hash, hash)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """
        ).execute(
            arguments: [
                seq, at, draft.actor.id, draft.actor.name, draft.action, draft.objectType, draft.objectID,
                draft.enterpriseID, draft.summary, draft.payload, jsonArray(evidence), prevHash, hash,
            ]
        )
        return AuditEntry(
            seq: seq,
            at: now,
            actorID: draft.actor.id,
            actorName: draft.actor.name,
            action: draft.action,
            objectType: draft.objectType,
            objectID: draft.objectID,
            enterpriseID: draft.enterpriseID,
            summary: draft.summary,
            payload: draft.payload,
            evidence: evidence,
            prevHash: prevHash,
            hash: hash
        )
    }

    /// A JSON array of strings, as Foundation's encoder writes it (which escapes `/` as `\/`): written by hand, as
    /// every action writes one and most are empty.
    static func jsonArray(_ strings: [String]) -> String {
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

    static func decodeArray(_ text: String) -> [String] {
        (try? JSONDecoder().decode([String].self, from: Data(text.utf8))) ?? []
    }

    static func entry(_ row: Row) -> AuditEntry {
        let atText: String = row["at"]
        return AuditEntry(
            seq: row["seq"],
            at: (try? Date(atText, strategy: .iso8601)) ?? .distantPast,
            actorID: row["actor_id"],
            actorName: row["actor_name"],
            action: row["action"],
            objectType: row["object_type"],
            objectID: row["object_id"],
            enterpriseID: row["enterprise_id"],
            summary: row["summary"],
            payload: row["payload"],
            evidence: decodeArray(row["evidence"]),
            prevHash: row["prev_hash"],
            hash: row["hash"]
        )
    }

    /// Walks the whole chain in order and names the first entry that does not hold.
    static func verify(_ db: Database, expectedHead: String?) throws -> AuditReport {
        var previous = genesis
        var expectedSeq: Int64 = 1
        var count = 0
        let rows = try Row.fetchCursor(db, sql: "SELECT * FROM audit_log ORDER BY seq")
        while let row = try rows.next() {
            let seq: Int64 = row["seq"]
            count += 1
            func broken(_ problem: String) -> AuditReport {
                AuditReport(entries: count, headHash: previous, firstBroken: .init(seq: seq, problem: problem))
            }
            guard seq == expectedSeq else {
                return broken("entry \(expectedSeq) is missing: the sequence jumps from \(expectedSeq - 1) to \(seq)")
            }
            let prevHash: String = row["prev_hash"]
            guard prevHash == previous else {
                return broken("its previous-hash does not match the hash of entry \(seq - 1): entries were removed, reordered or rewritten")
            }
            let canonical = Canonical(
                seq: seq,
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
            let stored: String = row["hash"]
            guard canonical.hash(after: previous) == stored else {
                return broken("its content does not match its hash: the entry was edited after it was written")
            }
            previous = stored
            expectedSeq += 1
        }
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
