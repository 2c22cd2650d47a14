import Crypto
import Foundation

/// An audit entry's content as the store wrote it, read back so the floor writes the same values.
struct AuditValues {
    var at: String
    var actorID: Int64
    var actorName: String
    var action: String
    var objectType: String
    var objectID: Int64
    var enterpriseID: Int64?
    var summary: String
    var payload: String
    var evidenceText: String
    var evidence: [String]

    static let columns = "at, actor_id, actor_name, action, object_type, object_id, enterprise_id, summary, payload, evidence"

    init(row: [SQLValue]) throws {
        guard row.count == 10,
            case .text(let at) = row[0], case .integer(let actorID) = row[1], case .text(let actorName) = row[2],
            case .text(let action) = row[3], case .text(let objectType) = row[4], case .integer(let objectID) = row[5],
            case .text(let summary) = row[7], case .text(let payload) = row[8], case .text(let evidenceText) = row[9]
        else { throw FixtureError.unexpected("audit row \(row)") }
        self.at = at
        self.actorID = actorID
        self.actorName = actorName
        self.action = action
        self.objectType = objectType
        self.objectID = objectID
        if case .integer(let id) = row[6] { enterpriseID = id }
        self.summary = summary
        self.payload = payload
        self.evidenceText = evidenceText
        evidence = try JSONDecoder().decode([String].self, from: Data(evidenceText.utf8))
    }
}

/// The floor's hash chain: SHA-256 over the previous hash, a newline and the canonical JSON of the
/// entry, as `AuditLog.Canonical.hash(after:)` computes it. The head is kept in memory, which a
/// single writer may do; the store reads it back from the table in every transaction.
struct FloorAuditChain {
    private(set) var seq: Int64
    private(set) var head: String
    private let insert: RawStatement
    private let encoder: JSONEncoder

    /// The fields that are hashed; the names are the JSON keys, so they must match the store's.
    private struct Canonical: Encodable {
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
    }

    init(connection: RawConnection) throws {
        let last = try connection.rows("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1")
        guard let row = last.first, case .integer(let seq) = row[0], case .text(let hash) = row[1] else {
            throw FixtureError.unexpected("the floor database has no audit head")
        }
        self.seq = seq
        head = hash
        insert = try connection.prepare(
            """
            INSERT INTO audit_log (seq, at, actor_id, actor_name, action, object_type, object_id, enterprise_id,
                                   summary, payload, evidence, prev_hash, hash)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """
        )
        encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    }

    /// Hashes and inserts one entry inside the caller's transaction.
    mutating func append(_ entry: AuditValues) throws {
        let next = seq + 1
        let body = try encoder.encode(
            Canonical(
                seq: next,
                at: entry.at,
                actorID: entry.actorID,
                actorName: entry.actorName,
                action: entry.action,
                objectType: entry.objectType,
                objectID: entry.objectID,
                enterpriseID: entry.enterpriseID,
                summary: entry.summary,
                payload: entry.payload,
                evidence: entry.evidence
            )
        )
        var hasher = SHA256()
        hasher.update(data: Data(head.utf8))
        hasher.update(data: Data([0x0A]))
        hasher.update(data: body)
        let hash = Self.hex(hasher.finalize())
        try insert.run([
            .integer(next), .text(entry.at), .integer(entry.actorID), .text(entry.actorName), .text(entry.action),
            .text(entry.objectType), .integer(entry.objectID), entry.enterpriseID.map(SQLValue.integer) ?? .null,
            .text(entry.summary), .text(entry.payload), .text(entry.evidenceText), .text(head), .text(hash),
        ])
        seq = next
        head = hash
    }

    private static let digits = Array("0123456789abcdef".utf8)

    private static func hex(_ digest: SHA256.Digest) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(64)
        for byte in digest {
            bytes.append(digits[Int(byte >> 4)])
            bytes.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
