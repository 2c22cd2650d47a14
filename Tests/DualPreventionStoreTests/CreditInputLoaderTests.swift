import DualPrevention
import Foundation
import GRDB
import Synchronization
import Testing

@testable import DualPreventionStore

/// Grading many enterprises at once: the inputs loaded together are each enterprise's own, the grades equal those
/// computed one enterprise at a time, and the number of statements does not grow with the number of enterprises.
@Suite struct CreditInputLoaderTests {
    @Test func gradesTogetherEqualGradesOneByOne() async throws {
        let (repository, now) = try await OversightTests.demo()
        let rules = try CreditAndListsTests.creditRules()
        let enterprises = try await repository.enterprises(visibleTo: .system)
        #expect(enterprises.count >= 3)
        var scores: Set<Double> = []
        for offset in OversightTests.offsets {
            let asOf = now.addingTimeInterval(offset * 86_400)
            let requests = enterprises.map { CreditGradeRequest(enterpriseID: $0.id, asOf: asOf, since: Months.before(asOf, 12)) }
            let together = try await repository.assessCredits(requests, rules: rules, visibleTo: .system) { _, _ in }
            #expect(together.map(\.enterpriseID) == requests.map(\.enterpriseID))
            for (request, grade) in zip(requests, together) {
                let alone = try await repository.assessCredits([request], rules: rules, visibleTo: .system) { _, _ in }
                #expect(alone == [grade], "enterprise \(request.enterpriseID) at day \(offset)")
                scores.insert(grade.score)
            }
            // Loaded together, each enterprise's inputs hold its own records only.
            let inputs = try await repository.sqlite!.writer.read { db in try CreditInputLoader.inputs(requests, in: db) }
            for (request, input) in zip(requests, inputs) {
                #expect(input.enterpriseID == request.enterpriseID)
                #expect(input.performance.hazards.allSatisfy { $0.enterpriseID == request.enterpriseID })
                #expect(input.performance.runs.allSatisfy { $0.enterpriseID == request.enterpriseID })
                #expect(input.performance.plans.allSatisfy { $0.enterpriseID == request.enterpriseID })
                #expect(input.records.records.allSatisfy { $0.enterpriseID == request.enterpriseID })
                #expect(input.records.people.allSatisfy { $0.enterpriseID == request.enterpriseID })
            }
        }
        // The demo's scores differ between enterprises and instants, so equality is not equality of one constant.
        #expect(scores.count >= 3)
    }

    /// Hazards that count in a window only by their closure are read as closure stamps, not with their parts; every
    /// figure, with its evidence, stays what the whole hazards give, at windows across a generated province's years.
    @Test func hazardsReadByTheirClosureGradeAsTheWholeHazards() async throws {
        let (repository, _) = try ProvinceGeneratorTests.generate(seed: 11, enterprises: 6)
        let ids = try await repository.enterprises(visibleTo: .system).map(\.id)
        var stamped = 0
        for months in [0, 3, 9, 15, 30] {
            let asOf = Months.before(ProvinceGeneratorTests.asOf, months)
            let requests = ids.map { CreditGradeRequest(enterpriseID: $0, asOf: asOf, since: Months.before(asOf, 12)) }
            stamped += try await repository.sqlite!.writer.read { db in
                let split = try CreditInputLoader.inputs(requests, in: db)
                let whole = try CreditInputLoader.performances(ids, in: db)
                var stamps = 0
                for (request, input) in zip(requests, split) {
                    let all = try #require(whole[request.enterpriseID])
                    #expect(all.earlierClosures.isEmpty)
                    #expect(
                        input.performance.metrics(asOf: asOf, since: request.since) == all.metrics(asOf: asOf, since: request.since),
                        "enterprise \(request.enterpriseID), \(months) months back"
                    )
                    // Each hazard is read one way or the other (a stamp only when it is on a risk point).
                    #expect(input.performance.hazards.count + input.performance.earlierClosures.count <= all.hazards.count)
                    #expect(Set(input.performance.hazards.map(\.id)).isSubset(of: all.hazards.map(\.id)))
                    stamps += input.performance.earlierClosures.count
                }
                return stamps
            }
        }
        #expect(stamped > 0)
    }

    /// The facts read in one statement (with the listings in another) are those of the whole hazards, for every
    /// hazard of a generated province and of the demo, whatever state and parts it has.
    @Test func factsReadFromTheRowsAreTheWholeHazardsFacts() async throws {
        let generated = try ProvinceGeneratorTests.generate(seed: 11, enterprises: 6).0
        let (demo, _) = try await OversightTests.demo()
        for repository in [generated, demo] {
            let ids = try await repository.enterprises(visibleTo: .system).map(\.id)
            let hazards = try await repository.hazards(HazardFilter(), visibleTo: .system)
            let read = try await repository.sqlite!.writer.read { db in
                try CreditInputLoader.facts(among: SQLText(sql: db.idSet, arguments: [IDSet.json(ids)]), excluding: "1 = 0", in: db)
            }
            let expected = Dictionary(grouping: hazards.sorted { $0.id < $1.id }.map(HazardFacts.init), by: \.enterpriseID)
            #expect(read == expected)
            // Every kind of part the facts read is there to be read.
            let facts = read.values.joined()
            #expect(facts.contains { $0.extensionRequest != nil } && facts.contains { !$0.listings.isEmpty })
            #expect(facts.contains { $0.cancelledAt != nil } && facts.contains { $0.noticeDeadline != nil })
            // And the stamped ones are left out.
            let excluded = try await repository.sqlite!.writer.read { db in
                try CreditInputLoader.facts(among: SQLText(sql: db.idSet, arguments: [IDSet.json(ids)]), excluding: "h.closed_at IS NOT NULL", in: db)
            }
            #expect(excluded.values.joined().map(\.id).sorted() == hazards.filter { $0.closedAt == nil }.map(\.id).sorted())
        }
    }

    @Test func theNumberOfStatementsDoesNotGrowWithTheEnterprises() async throws {
        let (repository, now) = try await OversightTests.demo()
        let enterprises = try await repository.enterprises(visibleTo: .system)
        let requests = enterprises.map { CreditGradeRequest(enterpriseID: $0.id, asOf: now, since: Months.before(now, 12)) }
        func statements(_ requests: [CreditGradeRequest]) async throws -> Int {
            try await repository.sqlite!.writer.read { db in
                let count = Mutex(0)
                db.trace(options: .statement) { _ in count.withLock { $0 += 1 } }
                defer { db.trace(options: .statement, nil) }
                let inputs = try CreditInputLoader.inputs(requests, in: db)
                #expect(inputs.count == requests.count)
                return count.withLock { $0 }
            }
        }
        // An enterprise without hazards skips the parts' statements, so compare with the most any one of them takes.
        var most = 0
        for request in requests { most = max(most, try await statements([request])) }
        let all = try await statements(requests)
        #expect(most > 0)
        #expect(requests.count >= 3)
        #expect(all == most, "\(requests.count) enterprises took \(all) statements, one took at most \(most)")
    }

    @Test(arguments: TestStore.all) func thePreviousGradeIsTheLatestStoredUpToTheInstant(store: TestStore) async throws {
        let f = try await Fixture.on(store)
        let rules = try CreditAndListsTests.creditRules()
        let days = { (d: Double) in Clock.days(d) }
        let enterpriseID = f.a.enterprise.id
        let requests = [10.0, 20.0, 30.0].map { CreditGradeRequest(enterpriseID: enterpriseID, asOf: days($0), since: days($0 - 365)) }
        var stored: [CreditGradeRecord] = []
        for request in requests {
            stored += try await f.repository.recordCreditGrades([request], rules: rules, by: f.cityRegulator, at: days(40))
        }
        #expect(stored.map(\.previousID) == [nil, stored[0].id, stored[1].id])
        // Between stored instants, the one before; before all, none.
        let between = try await f.repository.assessCredits(
            [
                CreditGradeRequest(enterpriseID: enterpriseID, asOf: days(25), since: days(-340)),
                CreditGradeRequest(enterpriseID: enterpriseID, asOf: days(5), since: days(-360)),
                CreditGradeRequest(enterpriseID: enterpriseID, asOf: days(35), since: days(-330)),
            ],
            rules: rules,
            visibleTo: .system
        ) { _, _ in }
        #expect(between.map(\.previousID) == [stored[1].id, nil, stored[2].id])
    }

    @Test(arguments: TestStore.all) func latestStoredGradesAndTheirCountsComeFromTheDatabase(store: TestStore) async throws {
        let f = try await Fixture.on(store)
        let rules = try CreditAndListsTests.creditRules()
        let a = f.a.enterprise.id
        let b = f.b.enterprise.id
        #expect(try await f.repository.latestCreditGradeCounts(visibleTo: .system).isEmpty)
        // A graded twice (later computation wins, even for an earlier date), B once.
        let first = try await f.repository.recordCreditGrades(
            [CreditGradeRequest(enterpriseID: a, asOf: Clock.days(5), since: Clock.days(-360))],
            rules: rules,
            by: f.cityRegulator,
            at: Clock.days(6)
        )
        let second = try await f.repository.recordCreditGrades(
            [
                CreditGradeRequest(enterpriseID: a, asOf: Clock.days(2), since: Clock.days(-363)),
                CreditGradeRequest(enterpriseID: b, asOf: Clock.days(2), since: Clock.days(-363)),
            ],
            rules: rules,
            by: f.cityRegulator,
            at: Clock.days(7)
        )
        let all = try await f.repository.creditGrades(enterpriseID: nil, visibleTo: .system)
        #expect(all.count == first.count + second.count)
        let expected = Dictionary(grouping: all, by: \.enterpriseID).mapValues { grades in
            grades.max { ($0.computedAt, $0.id) < ($1.computedAt, $1.id) }
        }
        let latest = try await f.repository.latestCreditGrades(enterpriseIDs: [a, b], visibleTo: .system)
        #expect(latest.map(\.id) == [expected[a]??.id, expected[b]??.id].compactMap { $0 })
        #expect(latest.first?.id == second[0].id)
        let counts = try await f.repository.latestCreditGradeCounts(visibleTo: .system)
        #expect(counts.values.reduce(0, +) == 2)
        #expect(counts == Dictionary(grouping: latest, by: \.grade).mapValues(\.count))
        // Each viewer sees only the grades of its own reach.
        let own = try await f.repository.latestCreditGrades(enterpriseIDs: [a, b], visibleTo: .person(f.a.director))
        #expect(own.map(\.enterpriseID) == [a])
        #expect(try await f.repository.latestCreditGradeCounts(visibleTo: .person(f.regulator2)).values.reduce(0, +) == 1)
    }

    @Test(arguments: TestStore.all) func anEnterpriseOutOfSightIsNotGradedAndNoneIsGradedTwiceInARun(store: TestStore) async throws {
        let f = try await Fixture.on(store)
        let rules = try CreditAndListsTests.creditRules()
        let request = { (id: Int64) in CreditGradeRequest(enterpriseID: id, asOf: Clock.days(2), since: Clock.days(-363)) }
        // A's director sees A only: asking for B among A is refused as not found, and nothing is graded.
        await #expect(throws: NotFoundError.self) {
            _ = try await f.repository.assessCredits(
                [request(f.a.enterprise.id), request(f.b.enterprise.id)],
                rules: rules,
                visibleTo: .person(f.a.director)
            ) { _, _ in }
        }
        #expect(
            try await f.repository.assessCredits([request(f.a.enterprise.id)], rules: rules, visibleTo: .person(f.a.director)) { _, _ in }.count == 1
        )
        let before = try await f.count("audit_log")
        do {
            _ = try await f.repository.recordCreditGrades(
                [request(f.a.enterprise.id), request(f.a.enterprise.id)],
                rules: rules,
                by: f.cityRegulator,
                at: Clock.days(3)
            )
            Issue.record("grading one enterprise twice in a run was accepted")
        } catch let error as InputError {
            #expect(error.rule == "CREDIT-ONCE-PER-RUN")
        }
        #expect(try await f.count("audit_log") == before)
    }

    /// A province's check records carry their item results and its audit entries their payloads: grading reads the
    /// plan, period and date of each record, and the first audit instant of each risk point and person, from indexes
    /// alone (`v8-grading-indexes`), never from those rows.
    @Test func checkRecordsAndFirstAuditInstantsAreReadFromIndexesAlone() async throws {
        let (repository, _) = try await OversightTests.demo()
        let ids = try await repository.enterprises(visibleTo: .system).map(\.id)
        let plans = try await repository.sqlite!.writer.read { db in
            var plans: [String: [String]] = [:]
            let queries =
                [("check_run", CreditInputLoader.checkStampsSQL(in: db), [IDSet.json(ids)])]
                + ["risk_point", "person"].map { ($0, CreditInputLoader.addedAtSQL($0, in: db), [$0, IDSet.json(ids)]) }
            for (name, sql, arguments) in queries {
                plans[name] = try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql, arguments: StatementArguments(arguments))
                    .map { try $0.decode(forColumn: "detail") as String }
            }
            return plans
        }
        #expect(plans["check_run"]?.contains { $0.contains("check_run USING COVERING INDEX check_run_by_enterprise") } == true, "\(plans)")
        for kind in ["risk_point", "person"] {
            let details = plans[kind] ?? []
            #expect(details.contains { $0.contains("audit_log USING COVERING INDEX audit_by_object") }, "\(details)")
            #expect(!details.contains { $0.contains("audit_log USING INDEX") || $0.hasPrefix("SCAN audit_log") }, "\(details)")
        }
        #expect(!(plans["check_run"] ?? []).contains { $0.hasPrefix("SCAN check_run") })
    }
}
