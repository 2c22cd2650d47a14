import DualPrevention
import Foundation
import GRDB
import Testing

@testable import DualPreventionStore

/// People, check plans and quality records read their columns by hand (`init(row:)`); they must read every row as
/// GRDB's `Codable` decoder reads it, including the columns a generated province leaves empty.
@Suite struct RecordReadTests {
    /// The same record through GRDB's `Codable` decoder only, with the records' column names.
    struct ViaCodable<R: SnakeCaseRecord>: FetchableRecord, Decodable {
        static var databaseColumnDecodingStrategy: DatabaseColumnDecodingStrategy { R.databaseColumnDecodingStrategy }
        var record: R
        init(from decoder: any Decoder) throws { record = try R(from: decoder) }
    }

    static func readsTheSame<R: SnakeCaseRecord & Equatable>(_ type: R.Type, in db: Database) throws -> Int {
        let sql = "SELECT * FROM \(R.databaseTableName) ORDER BY id"
        let byHand = try R.fetchAll(db, sql: sql)
        let codable = try ViaCodable<R>.fetchAll(db, sql: sql).map(\.record)
        #expect(byHand == codable, "\(R.databaseTableName)")
        return byHand.count
    }

    @Test func peoplePlansAndRecordsReadWhatTheCodableDecoderRead() throws {
        let (repository, _) = try ProvinceGeneratorTests.generate(seed: 11)
        let counts = try repository.sqlite!.writer.write { db in
            // A withdrawn record and a person with a phone, which the generator does not make.
            try db.execute(
                sql: """
                    UPDATE quality_record SET withdrawn_at = recorded_at, withdrawn_by = recorded_by, withdrawal_reason = '录入错误'
                    WHERE id = (SELECT min(id) FROM quality_record)
                    """
            )
            try db.execute(sql: "UPDATE person SET phone = '0576-88888888' WHERE id = (SELECT max(id) FROM person)")
            return [
                try Self.readsTheSame(Person.self, in: db), try Self.readsTheSame(CheckPlan.self, in: db),
                try Self.readsTheSame(QualityRecord.self, in: db),
            ]
        }
        #expect(counts.allSatisfy { $0 > 0 }, "\(counts)")
        let withdrawn = try repository.sqlite!.writer.read { db in
            try QualityRecord.fetchOne(db, sql: "SELECT * FROM quality_record WHERE withdrawn_at IS NOT NULL")
        }
        #expect(withdrawn?.withdrawalReason == "录入错误")
    }

    @Test func anUnknownKindIsAnErrorNotACrash() throws {
        let row: Row = [
            "id": 1, "enterprise_id": 1, "kind": "rumour", "subtype": "general", "occurred_on": "2026-01-01 00:00:00.000",
            "area": "productQuality", "product": "", "reference": "", "note": "", "value": nil, "valid_until": nil,
            "recorded_by": 1, "recorded_at": "2026-01-01 00:00:00.000", "withdrawn_at": nil, "withdrawn_by": nil,
            "withdrawal_reason": nil,
        ]
        #expect(throws: (any Error).self) { try QualityRecord(row: row) }
    }
}
