import DualPrevention
import DualPreventionPresentation
import DualPreventionStore
import Foundation
import Testing

@testable import DualPreventionServer

/// The API's hazard pages are written by hand (`JSONWriter`, compact); every hazard must read back as the same JSON
/// value the server's encoder (`JSONEncoder`, ISO 8601 dates) writes, and every date as the encoder writes it.
@Suite struct HazardJSONTests {
    static func parsed(_ bytes: some Sequence<UInt8>) throws -> NSObject {
        try #require(try JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed]) as? NSObject)
    }

    static func encoded(_ value: some Encodable) throws -> NSObject {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        return try parsed(try encoder.encode(value))
    }

    /// Every hazard of the demo, in every state it reaches, alone and as one page with its total.
    @Test func theDemosHazardsWriteTheEncodersValues() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("dualprev-json-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let repository = StoreRepository(
            database: try AppDatabase.inMemory(),
            evidenceStore: EvidenceStore(root: directory.appendingPathComponent("evidence"))
        )
        var seed = DemoSeed(
            repository: repository,
            now: Date(timeIntervalSince1970: 1_795_000_000),
            evidenceDirectory: directory.appendingPathComponent("photos")
        )
        _ = try await seed.run()
        let hazards = try await repository.hazards(HazardFilter(), visibleTo: .system)
        // The sample reaches every part and both sides of every optional, or the comparison proves less than it says.
        #expect(Set(hazards.map(\.state)).count >= 6)
        #expect(hazards.contains { $0.cancellation != nil } && hazards.contains { $0.extensionRequest != nil })
        #expect(hazards.contains { !$0.plans.isEmpty } && hazards.contains { !$0.listings.isEmpty })
        #expect(hazards.contains { !$0.acceptances.isEmpty } && hazards.contains { !$0.submissions.isEmpty })
        #expect(hazards.contains { $0.notice?.acknowledgedAt != nil } && hazards.contains { $0.notice == nil })
        #expect(hazards.contains { $0.riskPointID != nil } && hazards.contains { $0.riskPointID == nil })
        for hazard in hazards {
            var json = JSONWriter(style: .compact)
            json.hazard(hazard)
            #expect(try Self.parsed(json.bytes) == (try Self.encoded(hazard)), "hazard \(hazard.id) in state \(hazard.state)")
        }
        let page = PageRequest(offset: 2, limit: 5)
        let found = Paged(items: Array(hazards.dropFirst(2).prefix(5)), total: hazards.count)
        let written = RequestInput.hazardPage(found, page)
        #expect(try Self.parsed(written.bytes) == (try Self.encoded(RequestInput.page(found, page))))
    }

    /// Text that needs escaping, empty lists and a page with no items.
    @Test func escapesAndEmptyContainersWriteTheEncodersValues() throws {
        var hazard = Hazard(
            id: 9,
            number: "YH-2026-0009",
            enterpriseID: 3,
            jurisdictionPath: [],
            workshopID: 4,
            teamID: nil,
            postID: nil,
            riskPointID: nil,
            checkItemRef: "a/b",
            source: .report,
            grade: .major,
            description: "引号\"反斜杠\\换行\n制表\t控制\u{01}\u{1f}分隔\u{2028}",
            location: "",
            foundBy: 1,
            foundAt: Date(timeIntervalSince1970: 1_795_000_000.75),
            state: .reported,
            ownerID: nil,
            ownerRole: nil,
            deadline: nil,
            closedAt: nil,
            notice: nil,
            plans: [],
            extensionRequest: nil,
            submissions: [],
            acceptances: [],
            listings: [],
            cancellation: nil
        )
        var json = JSONWriter(style: .compact)
        json.hazard(hazard)
        #expect(try Self.parsed(json.bytes) == (try Self.encoded(hazard)))
        hazard.ownerRole = .workshopHead
        json = JSONWriter(style: .compact)
        json.hazard(hazard)
        #expect(try Self.parsed(json.bytes) == (try Self.encoded(hazard)))
        let empty = RequestInput.hazardPage(Paged(items: [], total: 0), PageRequest(offset: 0, limit: 100))
        #expect(String(decoding: empty.bytes, as: UTF8.self) == #"{"items":[],"limit":100,"offset":0,"total":0}"#)
    }

    /// Instants across leap days, centuries, before 1970 and with fractions of a second, as the format style writes them.
    @Test(arguments: [
        0, -1, -0.25, 59.999, 86_399.5, 951_782_400, 951_868_799, 4_107_542_400, 1_795_000_000.75, 253_402_300_799,
        -11_676_096_000, -2_208_988_800.5, 253_402_300_800, 1_709_164_800, 1_735_689_599,
    ])
    func datesAsTheEncodersISO8601(_ seconds: Double) {
        let date = Date(timeIntervalSince1970: seconds)
        var json = JSONWriter(style: .compact)
        json.date(date)
        #expect(String(decoding: json.bytes, as: UTF8.self) == "\"\(date.formatted(.iso8601))\"")
    }
}
