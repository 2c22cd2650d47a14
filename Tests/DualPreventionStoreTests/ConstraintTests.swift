import DualPrevention
import Foundation
import GRDB
import PostgresNIO
import Testing

@testable import DualPreventionStore

/// Defence in depth: SQL written behind the program's back is refused by SQLite itself.
@Suite("Constraints in the database")
struct ConstraintTests {
    /// Runs raw SQL that must be refused with this extended constraint code (on PostgreSQL, the SQLSTATE of the same
    /// kind of constraint); returns the database's message.
    @discardableResult
    static func expectRefused(
        _ fixture: Fixture,
        _ code: ResultCode,
        _ sql: String,
        _ arguments: SQLArguments = [],
        sourceLocation: SourceLocation = #_sourceLocation
    ) async -> String? {
        let error = await #expect(throws: (any Error).self, sourceLocation: sourceLocation) {
            try await fixture.execute(sql, arguments)
        }
        let refusal = error.flatMap(Refused.init)
        #expect(refusal?.code == code, "\(String(describing: error))", sourceLocation: sourceLocation)
        return refusal?.message
    }

    /// A database's refusal in SQLite's terms: its extended code and its message.
    struct Refused {
        var code: ResultCode
        var message: String

        /// PostgreSQL's SQLSTATEs of the kinds of constraint; the schema's triggers raise 23000, as SQLite's do
        /// SQLITE_CONSTRAINT_TRIGGER, and a value of the wrong type is 22P02 where a STRICT table refuses it.
        static let states: [String: ResultCode] = [
            "23514": .SQLITE_CONSTRAINT_CHECK, "23505": .SQLITE_CONSTRAINT_UNIQUE, "23503": .SQLITE_CONSTRAINT_FOREIGNKEY,
            "23502": .SQLITE_CONSTRAINT_NOTNULL, "23000": .SQLITE_CONSTRAINT_TRIGGER, "22P02": .SQLITE_CONSTRAINT_DATATYPE,
        ]

        init?(_ error: any Error) {
            if let error = error as? DatabaseError, error.resultCode == .SQLITE_CONSTRAINT {
                (code, message) = (error.extendedResultCode, error.message ?? "")
            } else if let error = error as? PSQLError, let state = error.serverInfo?[.sqlState], let code = Self.states[state] {
                (self.code, message) = (code, error.serverInfo?[.message] ?? "")
            } else {
                return nil
            }
        }
    }

    static let insertHazard = """
        INSERT INTO hazard (id, number, enterprise_id, workshop_id, source, grade, description, found_by, found_at, state)
        VALUES (?, ?, ?, ?, 'dailyCheck', 'general', '护栏缺失', ?, '2026-09-21 14:13:20.000', ?)
        """

    @Test(arguments: TestStore.all) func hazardWithUnknownStateIsRefused(store: TestStore) async throws {
        let f = try await Fixture.on(store)
        let a = f.a
        await Self.expectRefused(
            f,
            .SQLITE_CONSTRAINT_CHECK,
            Self.insertHazard,
            [900, "YH-2026-0900", a.enterprise.id, a.workshop.id, a.postWorker.id, "open"]
        )
        #expect(try await f.count("hazard") == 0)
        // The same row with a known state goes in: the state alone was the problem.
        try await f.execute(Self.insertHazard, [900, "YH-2026-0900", a.enterprise.id, a.workshop.id, a.postWorker.id, "reported"])
        #expect(try await f.count("hazard") == 1)
    }

    @Test(arguments: TestStore.all) func notifiedHazardWithoutOwnerOrDeadlineIsRefused(store: TestStore) async throws {
        let f = try await Fixture.on(store)
        let a = f.a
        await Self.expectRefused(
            f,
            .SQLITE_CONSTRAINT_CHECK,
            Self.insertHazard,
            [900, "YH-2026-0900", a.enterprise.id, a.workshop.id, a.postWorker.id, "notified"]
        )
        #expect(try await f.count("hazard") == 0)
    }

    @Test(arguments: TestStore.all) func strictColumnRefusesTextInAnIntegerColumn(store: TestStore) async throws {
        let f = try await Fixture.on(store)
        _ = try await f.report(f.a)
        await Self.expectRefused(f, .SQLITE_CONSTRAINT_DATATYPE, "UPDATE hazard SET workshop_id = 'three' WHERE id = 1")
        let hazard = try await f.repository.hazard("1", visibleTo: .system)
        #expect(hazard.workshopID == f.a.workshop.id)
    }

    @Test(arguments: TestStore.all) func enterpriseRoleWithoutEnterpriseIsRefused(store: TestStore) async throws {
        let f = try await Fixture.on(store)
        let before = try await f.count("person")
        let insert = "INSERT INTO person (id, name, role, enterprise_id) VALUES (?, '无主安全员', 'officer', ?)"
        await Self.expectRefused(f, .SQLITE_CONSTRAINT_CHECK, insert, [900, nil])
        // A regulator with an enterprise is refused by the same rule.
        await Self.expectRefused(
            f,
            .SQLITE_CONSTRAINT_CHECK,
            "INSERT INTO person (id, name, role, enterprise_id, jurisdiction_id) VALUES (901, '监管员', 'regulator', ?, ?)",
            [f.a.enterprise.id, f.district1.id]
        )
        #expect(try await f.count("person") == before)
        try await f.execute(insert, [900, f.a.enterprise.id])
        #expect(try await f.count("person") == before + 1)
    }

    @Test(arguments: TestStore.all) func lsGradingOutsideOneToFiveIsRefused(store: TestStore) async throws {
        let f = try await Fixture.on(store)
        let point = try await f.addRiskPoint(f.a)
        let insert = """
            INSERT INTO risk_grading (risk_point_id, sequence, method, l, s, score, colour, graded_by, graded_at, reason)
            VALUES (?, 2, 'ls', 2, ?, ?, 'orange', ?, '2026-09-22 00:00:00.000', 'raw')
            """
        await Self.expectRefused(f, .SQLITE_CONSTRAINT_CHECK, insert, [point.id, 6, 12, f.a.officer.id])
        // LEC inputs on an LS row are refused too.
        await Self.expectRefused(
            f,
            .SQLITE_CONSTRAINT_CHECK,
            """
            INSERT INTO risk_grading (risk_point_id, sequence, method, l, e, c, s, score, colour, graded_by, graded_at, reason)
            VALUES (?, 2, 'ls', 2, 6, 15, 5, 10, 'orange', ?, '2026-09-22 00:00:00.000', 'raw')
            """,
            [point.id, f.a.officer.id]
        )
        #expect(try await f.count("risk_grading") == 1)
        try await f.execute(insert, [point.id, 5, 10, f.a.officer.id])
        #expect(try await f.count("risk_grading") == 2)
    }

    @Test(arguments: TestStore.all) func acceptanceByTheRectifierIsRefusedByTrigger(store: TestStore) async throws {
        let f = try await Fixture.on(store)
        let hazard = try await f.awaitingAcceptance(f.a)
        #expect(hazard.submissions.last?.rectifierID == f.a.workshopHead.id)
        let insert = """
            INSERT INTO acceptance (hazard_id, sequence, acceptor_id, accepted_at, passed, criteria, opinion)
            VALUES (?, 1, ?, '2026-09-22 00:00:00.000', 1, '护栏齐全', '合格')
            """
        let message = await Self.expectRefused(f, .SQLITE_CONSTRAINT_TRIGGER, insert, [hazard.id, f.a.workshopHead.id])
        #expect(message?.contains("acceptance by the rectifier is forbidden") == true)
        #expect(try await f.count("acceptance") == 0)
        try await f.execute(insert, [hazard.id, f.a.director.id])
        #expect(try await f.count("acceptance") == 1)
    }

    @Test(arguments: TestStore.all) func noticeNumberIsUniqueWithinAnEnterpriseOnly(store: TestStore) async throws {
        let f = try await Fixture.on(store)
        let first = try await f.notice(try await f.report(f.a), f.a)
        let second = try await f.report(f.a)
        let other = try await f.report(f.b)
        let number = try #require(first.notice?.number)
        let insert = """
            INSERT INTO rectification_notice (hazard_id, number, issued_by, issued_at, receiver_id, responsible_unit, nature,
                                              required_measures, deadline)
            VALUES (?, ?, ?, '2026-09-21 16:00:00.000', ?, '车间', '', '加装防护栏', '2026-09-28 16:00:00.000')
            """
        let message = await Self.expectRefused(f, .SQLITE_CONSTRAINT_TRIGGER, insert, [second.id, number, f.a.officer.id, f.a.workshopHead.id])
        #expect(message?.contains("notice number already used in this enterprise") == true)
        // The same number in another enterprise is that enterprise's own first notice.
        try await f.execute(insert, [other.id, number, f.b.officer.id, f.b.workshopHead.id])
        #expect(try await f.count("rectification_notice") == 2)
    }

    @Test(arguments: TestStore.all) func duplicateCreditCodeIsRefused(store: TestStore) async throws {
        let f = try await Fixture.on(store)
        await Self.expectRefused(
            f,
            .SQLITE_CONSTRAINT_UNIQUE,
            """
            INSERT INTO enterprise (id, name, credit_code, jurisdiction_id, product_category) VALUES (900, '冒名公司', ?, ?, '食品相关产品')
            """,
            [f.b.enterprise.creditCode.value, f.district1.id]
        )
        // Through the repository the same clash is named before SQLite sees it.
        let draft = Enterprise(
            id: 0,
            name: "冒名公司",
            creditCode: f.b.enterprise.creditCode,
            jurisdictionID: f.district1.id,
            productCategory: "食品相关产品"
        )
        let error = await #expect(throws: StoreError.self) {
            _ = try await f.repository.addEnterprise(draft, by: f.admin, at: Clock.hours(1))
        }
        guard case .constraint = error else {
            Issue.record("expected a constraint error, got \(String(describing: error))")
            return
        }
        #expect(try await f.repository.enterprises(visibleTo: .system).count == 2)
    }

    static let appendOnly: [(String, String)] = [
        ("UPDATE audit_log SET summary = 'rewritten' WHERE seq = 2", "the audit log is append-only"),
        ("DELETE FROM audit_log WHERE seq = 2", "the audit log is append-only"),
        ("UPDATE risk_grading SET colour = 'blue'", "gradings are kept, never overwritten"),
        ("DELETE FROM risk_grading", "gradings are kept, never overwritten"),
    ]

    @Test(arguments: TestStore.all, appendOnly)
    func historyTablesRefuseUpdateAndDelete(store: TestStore, refusal: (String, String)) async throws {
        let (sql, message) = refusal
        let f = try await Fixture.on(store)
        _ = try await f.addRiskPoint(f.a)
        let before = try await f.snapshot()
        let refused = await Self.expectRefused(f, .SQLITE_CONSTRAINT_TRIGGER, sql)
        #expect(refused?.contains(message) == true)
        #expect(try await f.snapshot() == before)
        let (_, gradings) = try await f.repository.riskPoint(1, visibleTo: .system)
        #expect(gradings.map(\.result.colour) == [.orange])
        #expect(try await f.repository.verifyAudit(expectedHead: nil).isIntact)
    }
}
