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
            // Every column of the table is written, and nothing else.
            #expect(Set(written.keys) == Set(try db.columns(in: P.tableName).map(\.name)), "\(P.tableName)")
        }
        return parts.count
    }

    @Test func everyKindOfPartWritesWhatTheCodableEncoderWrote() throws {
        let (repository, _) = try ProvinceGeneratorTests.generate(seed: 11)
        let counts = try repository.database.writer.read { db in
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
}
