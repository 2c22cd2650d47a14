import DualPrevention
import Foundation
import GRDB
import Testing

@testable import DualPreventionStore

/// Hazard parts write their own columns (`HazardPart.write`); they must write what the generic `Codable` encoder
/// wrote, column for column, for every kind of part, and read back as the same part.
@Suite struct PartRowTests {
    /// The same row through GRDB's `Codable` encoder only.
    struct ViaCodable<P: HazardPart>: EncodableRecord, Encodable, TableRecord {
        static var databaseTableName: String { P.tableName }
        static var databaseColumnEncodingStrategy: DatabaseColumnEncodingStrategy { PartRow<P>.databaseColumnEncodingStrategy }
        var row: PartRow<P>
        func encode(to encoder: any Encoder) throws { try row.encode(to: encoder) }
    }

    static func same<P: HazardPart>(_ parts: [(Int64, P)], in db: Database) throws -> Int {
        for (hazardID, part) in parts {
            let row = PartRow(hazardID: hazardID, part: part)
            let written = try row.databaseDictionary
            let codable = try ViaCodable(row: row).databaseDictionary
            #expect(written == codable, "\(P.tableName) of hazard \(hazardID)")
            // The values the fast insert binds are the same, each column once.
            var values = RowValues()
            row.write(to: &values)
            #expect(Dictionary(uniqueKeysWithValues: zip(values.columns, values.values)) == written, "\(P.tableName) of hazard \(hazardID)")
            // Every column of the table is written, and nothing else.
            #expect(Set(written.keys) == Set(try db.columns(in: P.tableName).map(\.name)), "\(P.tableName)")
        }
        return parts.count
    }

    @Test func everyKindOfPartWritesWhatTheCodableEncoderWrote() throws {
        let (repository, _) = try ProvinceGeneratorTests.generate(seed: 11)
        let counts = try repository.sqlite!.writer.read { db in
            let hazards = try HazardStorage.assemble(HazardRow.fetchAll(db), in: db)
            func all<P: HazardPart>(_ pick: (Hazard) -> [P]) throws -> Int {
                try Self.same(hazards.flatMap { h in pick(h).map { (h.id, $0) } }, in: db)
            }
            return [
                try all { [$0.notice].compactMap { $0 } }, try all(\.plans), try all { [$0.extensionRequest].compactMap { $0 } },
                try all(\.submissions), try all(\.acceptances), try all(\.listings), try all { [$0.cancellation].compactMap { $0 } },
            ]
        }
        // The generated province has every kind of part, so each comparison above ran.
        #expect(counts.allSatisfy { $0 > 0 }, "\(counts)")
    }

    /// The same row read through GRDB's `Codable` decoder only.
    struct ReadViaCodable<P: HazardPart>: FetchableRecord, Decodable {
        static var databaseColumnDecodingStrategy: DatabaseColumnDecodingStrategy { PartRow<P>.databaseColumnDecodingStrategy }
        var row: PartRow<P>
        init(from decoder: any Decoder) throws { row = try PartRow<P>(from: decoder) }
    }

    static func readsTheSame<P: HazardPart & Equatable>(_ type: P.Type, in db: Database) throws -> Int {
        let sql = "SELECT * FROM \(P.tableName) ORDER BY rowid"
        let byHand = try PartRow<P>.fetchAll(db, sql: sql)
        let codable = try ReadViaCodable<P>.fetchAll(db, sql: sql).map(\.row)
        #expect(byHand.count == codable.count, "\(P.tableName)")
        for (hand, generic) in zip(byHand, codable) {
            #expect(hand.hazardID == generic.hazardID && hand.part == generic.part, "\(P.tableName) of hazard \(hand.hazardID)")
        }
        return byHand.count
    }

    @Test func everyKindOfPartReadsWhatTheCodableDecoderRead() throws {
        let (repository, _) = try ProvinceGeneratorTests.generate(seed: 11)
        let counts = try repository.sqlite!.writer.read { db in
            [
                try Self.readsTheSame(RectificationNotice.self, in: db), try Self.readsTheSame(GovernancePlan.self, in: db),
                try Self.readsTheSame(ExtensionRequest.self, in: db), try Self.readsTheSame(RectificationSubmission.self, in: db),
                try Self.readsTheSame(AcceptanceRecord.self, in: db), try Self.readsTheSame(SupervisionListing.self, in: db),
                try Self.readsTheSame(Cancellation.self, in: db),
            ]
        }
        #expect(counts.allSatisfy { $0 > 0 }, "\(counts)")
    }

    @Test func evidenceThatIsNotAListOfStringsIsAnError() throws {
        let row: Row = ["evidence": "not json"]
        #expect(throws: (any Error).self) { try row.strings("evidence") }
        let good: Row = ["evidence": #"["a","b\/c"]"#]
        #expect(try good.strings("evidence") == ["a", "b/c"])
    }
}
