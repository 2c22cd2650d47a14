import DualPrevention
import DualPreventionStore
import Foundation
import GRDB
import Testing

@testable import DualPreventionStore

/// Notice numbers run per enterprise and per Shanghai year, without gaps, even when issued at once.
@Suite("Document numbering")
struct NumberingTests {
    static func notice(_ f: Fixture, _ staff: Staff, hazardID: Int64, at now: Date) async throws -> String {
        let command = HazardCommand.issueNotice(
            receiverID: staff.workshopHead.id,
            responsibleUnit: staff.workshop.name,
            nature: "防护缺失",
            requiredMeasures: "加装防护栏",
            deadline: now.addingTimeInterval(7 * Clock.day)
        )
        let (hazard, _) = try await f.repository.perform(command, on: "\(hazardID)", by: staff.officer, at: now)
        return hazard.notice?.number ?? "none"
    }

    @Test func concurrentNoticesOnAFileDatabaseAreNumberedWithoutGapsOrDuplicates() async throws {
        let path = try Fixture.temporaryDirectory().appendingPathComponent("dualprev.sqlite").path
        let repository = try StoreRepository.open(path: path)
        #expect(repository.sqlite!.writer is DatabasePool)
        let f = try await Fixture.make(repository)
        var hazardsA: [Int64] = []
        for i in 0..<40 {
            hazardsA.append(try await f.report(f.a, at: Clock.hours(1).addingTimeInterval(Double(i))).id)
        }
        var hazardsB: [Int64] = []
        for i in 0..<5 {
            hazardsB.append(try await f.report(f.b, at: Clock.hours(1).addingTimeInterval(Double(i))).id)
        }
        let now = Clock.hours(2)
        let issued = try await withThrowingTaskGroup(of: (Int64, String).self) { group in
            for id in hazardsA { group.addTask { (f.a.enterprise.id, try await Self.notice(f, f.a, hazardID: id, at: now)) } }
            for id in hazardsB { group.addTask { (f.b.enterprise.id, try await Self.notice(f, f.b, hazardID: id, at: now)) } }
            var all: [(Int64, String)] = []
            for try await result in group { all.append(result) }
            return all
        }
        let numbersA = issued.filter { $0.0 == f.a.enterprise.id }.map(\.1)
        let numbersB = issued.filter { $0.0 == f.b.enterprise.id }.map(\.1)
        #expect(numbersA.count == 40)
        #expect(numbersA.sorted() == (1...40).map { String(format: "ZG-2026-%04d", $0) })
        #expect(numbersB.sorted() == (1...5).map { String(format: "ZG-2026-%04d", $0) })

        // What is stored agrees with what was returned, and every hazard got exactly one notice.
        let stored = try await f.repository.hazards(HazardFilter(enterpriseID: f.a.enterprise.id), visibleTo: .person(f.a.officer))
        #expect(stored.count == 40)
        #expect(stored.allSatisfy { $0.state == .notified })
        #expect(Set(stored.compactMap(\.notice?.number)) == Set(numbersA))
        #expect(try await f.snapshot().counters.contains("\(f.a.enterprise.id)/ZG/2026=40"))
        #expect(try await f.snapshot().counters.contains("\(f.b.enterprise.id)/ZG/2026=5"))
        #expect(try await f.repository.verifyAudit(expectedHead: nil).entries == f.setupActions + 90)
        #expect(try await f.repository.verifyAudit(expectedHead: nil).isIntact)

        // A notice number names its hazard, within the enterprise that issued it.
        let found = try await f.repository.hazard("ZG-2026-0003", visibleTo: .person(f.b.officer))
        #expect(found.enterpriseID == f.b.enterprise.id && found.notice?.number == "ZG-2026-0003")
    }

    @Test(arguments: TestStore.all) func hazardNumbersRunPerEnterprise(store: TestStore) async throws {
        let f = try await Fixture.on(store)
        #expect(try await f.report(f.a).number == "YH-2026-0001")
        #expect(try await f.report(f.a).number == "YH-2026-0002")
        #expect(try await f.report(f.b).number == "YH-2026-0001")
        #expect(try await f.report(f.a).number == "YH-2026-0003")
    }

    @Test(arguments: TestStore.all) func theYearIsTheShanghaiYearOfTheAction(store: TestStore) async throws {
        let f = try await Fixture.on(store)
        // 2026-12-31T15:00Z is 23:00 in Shanghai, still 2026; 17:00Z is 01:00 on 1 January 2027.
        let lastEvening = Date(timeIntervalSince1970: 1_798_729_200)
        let newYear = Date(timeIntervalSince1970: 1_798_736_400)
        let first = try await f.report(f.a, at: lastEvening)
        let second = try await f.report(f.a, at: newYear)
        #expect(first.number == "YH-2026-0001")
        #expect(second.number == "YH-2027-0001")
        #expect(try await Self.notice(f, f.a, hazardID: first.id, at: lastEvening) == "ZG-2026-0001")
        #expect(try await Self.notice(f, f.a, hazardID: second.id, at: newYear) == "ZG-2027-0001")
        let third = try await f.report(f.a, at: newYear)
        #expect(try await Self.notice(f, f.a, hazardID: third.id, at: newYear) == "ZG-2027-0002")
    }
}
