import DualPrevention
import Foundation
import GRDB
import Testing

@testable import DualPreventionStore

/// The regulator's figures counted by SQL against the domain's own rules over the same records: the demo's
/// enterprises, at instants before, during and after its history, for every viewer kind.
@Suite struct OversightTests {
    static func demo() async throws -> (StoreRepository, Date) {
        let directory = try Fixture.temporaryDirectory()
        let repository = StoreRepository(
            database: try AppDatabase.inMemory(),
            evidenceStore: EvidenceStore(root: directory.appendingPathComponent("evidence"))
        )
        var seed = DemoSeed(repository: repository, now: Clock.t0, evidenceDirectory: directory.appendingPathComponent("photos"))
        _ = try await seed.run()
        return (repository, Clock.t0)
    }

    static let offsets: [Double] = [-60, -30, -10, 0, 7, 45, 400]

    @Test func figuresEqualTheDomainRules() async throws {
        let (repository, now) = try await Self.demo()
        let hazards = try await repository.hazards(HazardFilter(), visibleTo: .system)
        let plans = try await repository.checkPlans(enterpriseID: nil, visibleTo: .system)
        let runs = try await repository.checkRuns(enterpriseID: nil, visibleTo: .system)
        let enterprises = try await repository.enterprises(visibleTo: .system)
        #expect(enterprises.count >= 3)
        #expect(hazards.count >= 10)
        var nonZero = DualPreventionPerformance.LoopTally.zero
        for offset in Self.offsets {
            let asOf = now.addingTimeInterval(offset * 86_400)
            let since = Months.before(asOf, 12)
            let figures = try await repository.enterpriseFigures(asOf: asOf, since: since, visibleTo: .system)
            #expect(figures.map(\.enterpriseID) == enterprises.map(\.id))
            for e in enterprises {
                let own = hazards.filter { $0.enterpriseID == e.id }
                let expected = DualPreventionPerformance.loopCounts(own, asOf: asOf, since: since).tally
                let missed = DualPreventionPerformance.missedChecks(
                    plans: plans.filter { $0.enterpriseID == e.id },
                    runs: runs.filter { $0.enterpriseID == e.id },
                    local: try LocalTime(timeZoneID: e.timeZoneID),
                    asOf: asOf,
                    since: since
                )
                let got = try #require(figures.first { $0.enterpriseID == e.id })
                #expect(got.loop == expected, "enterprise \(e.id) at day \(offset)")
                #expect(got.missedChecks == missed.count, "enterprise \(e.id) at day \(offset)")
                #expect(got.open == own.filter { $0.state.isOpen && $0.foundAt <= asOf }.count)
                nonZero = nonZero + expected
            }
        }
        // The demo exercises every figure, so equality above is not equality of zeros.
        #expect(nonZero.found > 0 && nonZero.closed > 0 && nonZero.due > 0 && nonZero.onTime > 0)
        #expect(nonZero.overdue > 0 && nonZero.overdueOrListedMajor > 0)
    }

    /// After the last recorded action, the open hazards are counted from their rows alone (`openNow`); that count
    /// must be the one read with every part as it stood (`openThen`), at each instant and for each enterprise.
    @Test func openHazardsCountTheSameFromTheirRowsWhenNothingChangedSince() async throws {
        let (repository, _) = try await Self.demo()
        let latest = try await repository.sqlite!.writer.read { db in try String.fetchOne(db, sql: "SELECT max(at) FROM audit_log") }
        let last = try #require(latest.flatMap(DateText.instant))
        @Sendable func tallies(_ sql: SQLText, _ db: Database) throws -> [Int64: [Int]] {
            var tallies: [Int64: [Int]] = [:]
            for row in try Row.fetchAll(db, sql) {
                let counts = (1...7).map { row[$0] as Int }
                if counts.contains(where: { $0 != 0 }) { tallies[row[0]] = counts }
            }
            return tallies
        }
        var overdue = 0
        var open = 0
        for days in [0.001, 1, 7, 45, 400] {
            let asOf = last.addingTimeInterval(days * 86_400)
            let since = Months.before(asOf, 12)
            let (fromRows, fromParts) = try await repository.sqlite!.writer.read { db in
                (
                    try tallies(StoreRepository.openNow(asOf: asOf, since: since, viewer: .system), db),
                    try tallies(StoreRepository.openThen(asOf: asOf, since: since, viewer: .system), db)
                )
            }
            #expect(fromRows == fromParts, "\(days) days after the last action")
            overdue += fromRows.values.reduce(0) { $0 + $1[4] }
            open += fromRows.values.reduce(0) { $0 + $1[6] }
        }
        #expect(overdue > 0 && open > 0)
    }

    @Test func figuresKeepToWhatTheViewerSees() async throws {
        let (repository, now) = try await Self.demo()
        let people = try await repository.people(enterpriseID: nil, visibleTo: .system)
        for person in people {
            let visible = try await repository.enterprises(visibleTo: .person(person.actor)).map(\.id)
            let figures = try await repository.enterpriseFigures(asOf: now, since: Months.before(now, 12), visibleTo: .person(person.actor))
            #expect(figures.map(\.enterpriseID) == visible, "\(person.name) (\(person.role.rawValue))")
            let asked = try await repository.enterprises(ids: [3, 1, 2, 99], visibleTo: .person(person.actor)).map(\.id)
            #expect(asked == visible.filter { [1, 2, 3].contains($0) }, "\(person.name) asking by id")
        }
    }

    @Test func hazardPagesAreSlicesOfTheFullList() async throws {
        let (repository, now) = try await Self.demo()
        let people = try await repository.people(enterpriseID: nil, visibleTo: .system)
        let filters = [
            HazardFilter(), HazardFilter(state: .rectifying), HazardFilter(grade: .major), HazardFilter(overdueAt: now),
            HazardFilter(overdueAt: now.addingTimeInterval(30 * 86_400)), HazardFilter(listed: true), HazardFilter(listed: false),
        ]
        let everything = try await repository.hazards(HazardFilter(), visibleTo: .system)
        for filter in filters {
            // The SQL filter against the domain's own predicates over every hazard.
            let expected = everything.filter { h in
                (filter.state.map { h.state == $0 } ?? true) && (filter.grade.map { h.grade == $0 } ?? true)
                    && (filter.overdueAt.map { h.state.isOpen && h.isOverdue(at: $0) } ?? true)
                    && (filter.listed.map { h.isListed == $0 } ?? true)
            }
            #expect(try await repository.hazards(filter, visibleTo: .system) == expected)
            for viewer in [Viewer.system] + people.map({ Viewer.person($0.actor) }) {
                let all = try await repository.hazards(filter, visibleTo: viewer)
                for page in [PageRequest(offset: 0, limit: 3), PageRequest(offset: 2, limit: 5), PageRequest(offset: 1_000, limit: 10)] {
                    let got = try await repository.hazardPage(filter, page: page, visibleTo: viewer)
                    #expect(got.total == all.count)
                    #expect(got.items == Array(all.dropFirst(page.offset).prefix(page.limit)))
                }
            }
        }
        #expect(try await repository.hazards(HazardFilter(listed: true), visibleTo: .system).isEmpty == false)
        #expect(try await repository.hazards(HazardFilter(overdueAt: now), visibleTo: .system).isEmpty == false)
    }

    @Test(arguments: [
        (0, 0, Viewer.Sight.Kind.little), (0, 12_500, .little), (1, 1, .everything), (1, 16, .much), (1, 17, .little),
        (781, 12_500, .little), (782, 12_500, .much), (12_499, 12_500, .much), (12_500, 12_500, .everything),
    ])
    func aRegulatorsSightIsEverythingOrOneEnterpriseInSixteen(seen: Int, all: Int, kind: Viewer.Sight.Kind) {
        let sight = Viewer.sight(seen: seen, of: all)
        #expect(sight.kind == kind)
        // A count drops the condition only for every row of a table, and only when everything is in sight.
        #expect(sight.forCounting(everyRow: true).kind == (kind == .everything ? .everything : .little))
        #expect(sight.forCounting(everyRow: false).kind == .little)
    }

    /// A page for a viewer who sees much is read in id order and stops at its end; one for a viewer who sees every
    /// enterprise has no condition at all, and its count is the table's; one for a viewer of an enterprise or two
    /// reaches their rows by the enterprise index. (The pages are the same every way: the slice tests.)
    @Test func aPageForAViewerWhoSeesMuchIsNotSortedAfterTheFact() async throws {
        let (repository, _) = try await Self.demo()
        let people = try await repository.people(enterpriseID: nil, visibleTo: .system)
        var regulators: [(Person, Int)] = []
        for person in people where person.role == .regulator {
            regulators.append((person, try await repository.enterprises(visibleTo: .person(person.actor)).count))
        }
        let (regulator, most) = try #require(regulators.max { $0.1 < $1.1 })
        let officer = try #require(people.first { $0.role == .officer })
        let all = try await repository.enterprises(visibleTo: .system).count
        try await repository.sqlite!.writer.read { db in
            func plan<R>(_ request: TableQuery<R>) throws -> String {
                let statement = request.limit(50).selectSQL
                return try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + statement.sql, arguments: SQLArguments(values: statement.arguments))
                    .map { $0["detail"] as String }.joined(separator: "\n")
            }
            let hazards = { (viewer: Viewer, sight: Viewer.Sight) in
                try plan(StoreRepository.hazardRequest(HazardFilter(), visibleTo: viewer, sight: sight, in: db))
            }
            let runs = { (viewer: Viewer, sight: Viewer.Sight) in
                try plan(StoreRepository.checkRunRequest(enterpriseID: nil, visibleTo: viewer, sight: sight))
            }
            // The regulator who sees the most sees every enterprise of the demo: no condition, and the same count.
            let sight = try Viewer.person(regulator.actor).sight(in: db)
            #expect(sight.kind == .everything && most == all)
            #expect(try Viewer.system.sight(in: db).kind == .everything)
            #expect(
                try StoreRepository.hazardRequest(HazardFilter(), visibleTo: .person(regulator.actor), sight: sight, in: db).fetchCount(db)
                    == StoreRepository.hazardRequest(HazardFilter(), visibleTo: .person(regulator.actor), in: db).fetchCount(db)
            )
            #expect(try !hazards(.person(regulator.actor), sight).contains("SUBQUERY"))
            // Seeing much (as of one enterprise in two): a walk with the condition on each row, not a sort.
            let much = Viewer.sight(seen: 1, of: 2)
            let walk = try hazards(.person(regulator.actor), much)
            #expect(walk.contains("SCAN hazard") && walk.contains("SUBQUERY") && !walk.contains("ORDER BY"), "\(walk)")
            let walkRuns = try runs(.person(regulator.actor), much)
            #expect(walkRuns.contains("SCAN check_run USING INDEX check_run_by_instant") && !walkRuns.contains("ORDER BY"), "\(walkRuns)")
            // An officer's own enterprise, by its index.
            let own = try Viewer.person(officer.actor).sight(in: db)
            #expect(own == .little)
            #expect(try hazards(.person(officer.actor), own).contains("SEARCH hazard USING"))
            #expect(try runs(.person(officer.actor), own).contains("SEARCH check_run USING"))
        }
    }

    @Test func namesOfManyEnterprisesAreTheirOwnLoadedTogether() async throws {
        let (repository, _) = try await Self.demo()
        let people = try await repository.people(enterpriseID: nil, visibleTo: .system)
        let all = try await repository.enterprises(visibleTo: .system)
        for viewer in [Viewer.system] + people.map({ Viewer.person($0.actor) }) {
            let visible = try await repository.enterprises(visibleTo: viewer)
            let names = try await repository.names(enterpriseIDs: visible.map(\.id), visibleTo: viewer)
            #expect(Set(names.enterprises.keys) == Set(visible.map(\.id)))
            var staff: Set<Int64> = []
            var workshops: Set<Int64> = []
            var teams: Set<Int64> = []
            var posts: Set<Int64> = []
            for e in visible {
                staff.formUnion(try await repository.people(enterpriseID: e.id, visibleTo: viewer).map(\.id))
                // The regional directors who served it, for their sign-offs.
                staff.formUnion(try await repository.appointments(directorID: nil, enterpriseID: e.id, visibleTo: .system).map(\.directorID))
                workshops.formUnion(try await repository.workshops(enterpriseID: e.id, visibleTo: viewer).map(\.id))
                teams.formUnion(try await repository.teams(enterpriseID: e.id, visibleTo: viewer).map(\.id))
                posts.formUnion(try await repository.posts(enterpriseID: e.id, visibleTo: viewer).map(\.id))
            }
            #expect(Set(names.people.keys) == staff)
            #expect(Set(names.workshops.keys) == workshops && Set(names.teams.keys) == teams && Set(names.posts.keys) == posts)
            // An enterprise out of sight is not found, even among ones in sight.
            if let hidden = all.first(where: { e in !visible.contains { $0.id == e.id } }) {
                await #expect(throws: NotFoundError.self) {
                    _ = try await repository.names(enterpriseIDs: visible.map(\.id) + [hidden.id], visibleTo: viewer)
                }
            }
        }
        #expect(try await repository.names(enterpriseIDs: all.map(\.id), visibleTo: .system).posts.isEmpty == false)
    }

    @Test func theHazardsInBatchesAreTheWholeList() async throws {
        let (repository, _) = try await Self.demo()
        let people = try await repository.people(enterpriseID: nil, visibleTo: .system)
        for viewer in [Viewer.system] + people.map({ Viewer.person($0.actor) }) {
            let all = try await repository.hazards(HazardFilter(), visibleTo: viewer)
            for size in [1, 4, 1_000] {
                var streamed: [Hazard] = []
                try await repository.eachHazardBatch(HazardFilter(), visibleTo: viewer, batchSize: size) { batch in
                    #expect(batch.hazards.count <= size)
                    // Every batch names what its hazards mention.
                    for hazard in batch.hazards { #expect(batch.names.enterprises[hazard.enterpriseID] != nil) }
                    streamed += batch.hazards
                }
                #expect(streamed == all, "batches of \(size) for \(viewer)")
            }
        }
    }

    @Test func otherListPagesAreSlicesOfTheirFullLists() async throws {
        let (repository, _) = try await Self.demo()
        let people = try await repository.people(enterpriseID: nil, visibleTo: .system)
        let pages = [PageRequest(offset: 0, limit: 4), PageRequest(offset: 3, limit: 7), PageRequest(offset: 10_000, limit: 5)]
        var seen = 0
        var others = 0
        for viewer in [Viewer.system] + people.map({ Viewer.person($0.actor) }) {
            for filter in [RiskFilter(), RiskFilter(enterpriseID: 1), RiskFilter(colour: .red)] {
                let all = (try? await repository.riskPoints(filter, visibleTo: viewer)) ?? []
                for page in pages {
                    guard let got = try? await repository.riskPointPage(filter, page: page, visibleTo: viewer) else { continue }
                    #expect(got.total == all.count && got.items == Array(all.dropFirst(page.offset).prefix(page.limit)))
                    seen += got.items.count
                }
            }
            let runs = try await repository.checkRuns(enterpriseID: nil, visibleTo: viewer)
            for page in pages {
                let got = try await repository.checkRunPage(enterpriseID: nil, page: page, visibleTo: viewer)
                #expect(got.total == runs.count && got.items == Array(runs.dropFirst(page.offset).prefix(page.limit)))
                seen += got.items.count
            }
            for kind in [nil, QualityRecordKind.spotCheck] {
                let records = try await repository.qualityRecords(enterpriseID: nil, kind: kind, visibleTo: viewer)
                for page in pages {
                    let got = try await repository.qualityRecordPage(enterpriseID: nil, kind: kind, page: page, visibleTo: viewer)
                    #expect(got.total == records.count && got.items == Array(records.dropFirst(page.offset).prefix(page.limit)))
                    seen += got.items.count
                }
            }
            func check<T: Equatable & Sendable>(_ all: [T], _ page: (PageRequest) async throws -> Paged<T>) async throws -> Int {
                var rows = 0
                for request in pages {
                    let got = try await page(request)
                    #expect(got.total == all.count && got.items == Array(all.dropFirst(request.offset).prefix(request.limit)))
                    rows += got.items.count
                }
                return rows
            }
            others += try await check(try await repository.enterprises(visibleTo: viewer)) {
                try await repository.enterprisePage(page: $0, visibleTo: viewer)
            }
            others += try await check(try await repository.people(enterpriseID: nil, visibleTo: viewer)) {
                try await repository.peoplePage(enterpriseID: nil, page: $0, visibleTo: viewer)
            }
            others += try await check(try await repository.checkPlans(enterpriseID: nil, visibleTo: viewer)) {
                try await repository.checkPlanPage(enterpriseID: nil, page: $0, visibleTo: viewer)
            }
            others += try await check(try await repository.creditGrades(enterpriseID: nil, visibleTo: viewer)) {
                try await repository.creditGradePage(enterpriseID: nil, page: $0, visibleTo: viewer)
            }
            for quarter in [nil, "2026Q3"] {
                others += try await check(try await repository.listEntries(quarter: quarter, visibleTo: viewer)) {
                    try await repository.listEntryPage(quarter: quarter, page: $0, visibleTo: viewer)
                }
            }
        }
        #expect(seen > 100, "the pages held rows, not only empty slices")
        #expect(others > 100, "the other pages held rows too")
    }

    /// The latest gradings read at once are each point's last grading, for every viewer (another's points give none).
    @Test func latestGradingsReadAtOnceAreEachPointsLast() async throws {
        let (repository, _) = try await Self.demo()
        let people = try await repository.people(enterpriseID: nil, visibleTo: .system)
        let every = try await repository.riskPoints(RiskFilter(), visibleTo: .system)
        var expected: [Int64: GradingRecord] = [:]
        for point in every { expected[point.id] = try await repository.riskPoint(point.id, visibleTo: .system).1.last }
        #expect(expected.count > 10, "the demo's points are graded")
        for viewer in [Viewer.system] + people.map({ Viewer.person($0.actor) }) {
            let inSight = Set(try await repository.riskPoints(RiskFilter(), visibleTo: viewer).map(\.id))
            let got = try await repository.latestGradings(riskPointIDs: every.map(\.id), visibleTo: viewer)
            #expect(got == expected.filter { inSight.contains($0.key) }, "\(viewer)")
        }
    }

    /// The reads behind the checks page: the latest records and the periods done of a page of plans are what the full
    /// lists give, for every viewer (another's plans give nothing).
    @Test func latestChecksAndDonePeriodsAreWhatTheFullListsGive() async throws {
        let (repository, _) = try await Self.demo()
        let people = try await repository.people(enterpriseID: nil, visibleTo: .system)
        let everyPlan = try await repository.checkPlans(enterpriseID: nil, visibleTo: .system).map(\.id)
        var periods = 0
        for viewer in [Viewer.system] + people.map({ Viewer.person($0.actor) }) {
            let runs = try await repository.checkRuns(enterpriseID: nil, visibleTo: viewer)
            let newest = runs.sorted { ($0.performedAt, $0.id) > ($1.performedAt, $1.id) }
            for limit in [0, 3, 1_000] {
                #expect(try await repository.latestCheckRuns(enterpriseID: nil, limit: limit, visibleTo: viewer) == Array(newest.prefix(limit)))
            }
            #expect(
                try await repository.latestCheckRuns(enterpriseID: 1, limit: 5, visibleTo: viewer)
                    == Array(newest.filter { $0.enterpriseID == 1 }.prefix(5))
            )
            // Asked of every plan of the province, each viewer gets only the periods of the plans in sight.
            let done = try await repository.donePeriods(planIDs: everyPlan, visibleTo: viewer)
            #expect(done == CheckSchedule.donePeriods(runs), "\(viewer)")
            periods += done.values.map(\.count).reduce(0, +)
        }
        #expect(periods > 10, "the demo's plans have records")
    }
}
