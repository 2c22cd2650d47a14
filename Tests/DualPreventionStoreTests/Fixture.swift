import DualPrevention
import DualPreventionStore
import Foundation
import GRDB
import PostgresNIO

@testable import DualPreventionPostgres
@testable import DualPreventionStore

/// Fixed instants: tests never read the clock.
enum Clock {
    /// 2026-09-21 14:13:20 UTC (22:13 in Shanghai).
    static let t0 = Date(timeIntervalSince1970: 1_790_000_000)
    static let hour: TimeInterval = 3_600
    static let day: TimeInterval = 86_400

    static func hours(_ n: Double) -> Date { t0.addingTimeInterval(n * hour) }
    static func days(_ n: Double) -> Date { t0.addingTimeInterval(n * day) }
}

/// One enterprise with its organisation and a person in every enterprise role.
struct Staff: Sendable {
    let enterprise: Enterprise
    let workshop: Workshop
    let team: Team
    let post: Post
    let principal: Actor
    let director: Actor
    let officer: Actor
    let workshopHead: Actor
    let teamLeader: Actor
    let postWorker: Actor
}

/// A repository with a province → city → two districts tree, enterprise A in district 1 and
/// enterprise B in district 2, their staff, and a regulator per district plus one at city level.
struct Fixture: Sendable {
    let repository: StoreRepository
    let admin: Actor
    let province: Jurisdiction
    let city: Jurisdiction
    let district1: Jurisdiction
    let district2: Jurisdiction
    let a: Staff
    let b: Staff
    let regulator1: Actor
    let regulator2: Actor
    let cityRegulator: Actor
    /// Audit entries written while building the fixture (one per repository write).
    let setupActions: Int

    static let codeA = "91331002MA2B00001"
    static let codeB = "91331003MA2B00002"

    /// A fresh temporary directory, unique per call.
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("dualprev-store-tests")
            .appendingPathComponent(UUID().uuidString)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// The fixture on a new empty store of the kind, evidence in a temporary directory.
    static func on(_ store: TestStore) async throws -> Fixture {
        try await make(store.repository(evidence: try temporaryDirectory().appendingPathComponent("evidence")))
    }

    /// An in-memory repository with evidence kept in a temporary directory.
    static func inMemory() async throws -> Fixture {
        let repository = StoreRepository(
            database: try AppDatabase.inMemory(),
            evidenceStore: EvidenceStore(root: try temporaryDirectory().appendingPathComponent("evidence"))
        )
        return try await make(repository)
    }

    static func make(_ repository: StoreRepository) async throws -> Fixture {
        var writes = 0
        let at = Clock.t0
        let admin = try await repository.bootstrap(adminName: "系统管理员", demo: false, at: at).actor
        writes += 1
        func jurisdiction(_ name: String, _ level: JurisdictionLevel, _ parent: Jurisdiction?) async throws -> Jurisdiction {
            writes += 1
            return try await repository.addJurisdiction(name: name, level: level, parentID: parent?.id, by: admin, at: at)
        }
        let province = try await jurisdiction("浙江省", .province, nil)
        let city = try await jurisdiction("台州市", .city, province)
        let district1 = try await jurisdiction("椒江区", .district, city)
        let district2 = try await jurisdiction("黄岩区", .district, city)

        func person(
            _ name: String,
            _ role: Role,
            enterpriseID: Int64? = nil,
            workshopID: Int64? = nil,
            jurisdictionID: Int64? = nil
        ) async throws -> Actor {
            writes += 1
            let draft = Person(id: 0, name: name, role: role, enterpriseID: enterpriseID, workshopID: workshopID, jurisdictionID: jurisdictionID)
            return try await repository.addPerson(draft, by: admin, at: at).actor
        }
        func staff(_ tag: String, code: String, in district: Jurisdiction) async throws -> Staff {
            let draft = Enterprise(
                id: 0,
                name: "\(tag)包装材料有限公司",
                creditCode: try CreditCode.completing(code),
                jurisdictionID: district.id,
                productCategory: "食品相关产品"
            )
            let enterprise = try await repository.addEnterprise(draft, by: admin, at: at)
            let workshop = try await repository.addWorkshop(enterpriseID: enterprise.id, name: "\(tag)注塑车间", by: admin, at: at)
            let team = try await repository.addTeam(workshopID: workshop.id, name: "\(tag)甲班", by: admin, at: at)
            let post = try await repository.addPost(teamID: team.id, name: "\(tag)注塑机操作岗", by: admin, at: at)
            writes += 4
            let id = enterprise.id
            return Staff(
                enterprise: enterprise,
                workshop: workshop,
                team: team,
                post: post,
                principal: try await person("\(tag)主要负责人", .principal, enterpriseID: id),
                director: try await person("\(tag)质量安全总监", .director, enterpriseID: id),
                officer: try await person("\(tag)质量安全员", .officer, enterpriseID: id),
                workshopHead: try await person("\(tag)车间主任", .workshopHead, enterpriseID: id, workshopID: workshop.id),
                teamLeader: try await person("\(tag)班组长", .teamLeader, enterpriseID: id, workshopID: workshop.id),
                postWorker: try await person("\(tag)操作工", .postWorker, enterpriseID: id, workshopID: workshop.id)
            )
        }
        let a = try await staff("甲", code: codeA, in: district1)
        let b = try await staff("乙", code: codeB, in: district2)
        return Fixture(
            repository: repository,
            admin: admin,
            province: province,
            city: city,
            district1: district1,
            district2: district2,
            a: a,
            b: b,
            regulator1: try await person("椒江监管员", .regulator, jurisdictionID: district1.id),
            regulator2: try await person("黄岩监管员", .regulator, jurisdictionID: district2.id),
            cityRegulator: try await person("台州监管员", .regulator, jurisdictionID: city.id),
            setupActions: writes
        )
    }

    // MARK: Helpers for the tests

    /// A graded risk point of the staff's workshop, owned by the workshop head (LEC 3·6·15 = 270, orange).
    func addRiskPoint(_ staff: Staff, name: String = "注塑温度控制", at: Date = Clock.hours(0.5)) async throws -> RiskPoint {
        let draft = RiskPoint(
            id: 0,
            enterpriseID: staff.enterprise.id,
            workshopID: staff.workshop.id,
            teamID: staff.team.id,
            dimension: "process",
            controlStage: "注塑成型",
            name: name,
            hazardDescription: "温度过高导致材料分解迁移超标",
            measures: "每班记录料筒温度",
            target: "温度≤230℃",
            frequency: .perShift,
            ownerID: staff.workshopHead.id
        )
        return try await repository.addRiskPoint(draft, grading: .lec(l: 3, e: 6, c: 15), by: staff.officer, at: at)
    }

    func report(
        _ staff: Staff,
        grade: HazardGrade = .general,
        riskPointID: Int64? = nil,
        by actor: Actor? = nil,
        evidence: [EvidenceFile] = [],
        at: Date = Clock.hours(1)
    ) async throws -> Hazard {
        let report = HazardReport(
            workshopID: staff.workshop.id,
            teamID: staff.team.id,
            postID: staff.post.id,
            riskPointID: riskPointID,
            source: .dailyCheck,
            grade: grade,
            description: "注塑机防护栏缺失",
            location: "注塑车间 3 号机",
            evidence: evidence
        )
        return try await repository.reportHazard(report, by: actor ?? staff.postWorker, at: at)
    }

    /// A notice from the officer to the workshop head, due in a week.
    func notice(_ hazard: Hazard, _ staff: Staff, at: Date = Clock.hours(2), deadline: Date? = nil) async throws -> Hazard {
        let command = HazardCommand.issueNotice(
            receiverID: staff.workshopHead.id,
            responsibleUnit: staff.workshop.name,
            nature: "可能导致人身伤害",
            requiredMeasures: "加装防护栏",
            deadline: deadline ?? at.addingTimeInterval(7 * Clock.day)
        )
        return try await repository.perform(command, on: "\(hazard.id)", by: staff.officer, at: at).0
    }

    @discardableResult
    func perform(_ event: HazardEvent, on hazard: Hazard, by actor: Actor, at: Date) async throws -> Hazard {
        try await repository.perform(.event(event), on: "\(hazard.id)", by: actor, at: at).0
    }

    /// Reported, notified, acknowledged and started: the workshop head is rectifying.
    func rectifying(_ staff: Staff, riskPointID: Int64? = nil) async throws -> Hazard {
        let hazard = try await report(staff, riskPointID: riskPointID)
        _ = try await notice(hazard, staff)
        try await perform(.acknowledgeNotice, on: hazard, by: staff.workshopHead, at: Clock.hours(3))
        return try await perform(.startRectification, on: hazard, by: staff.workshopHead, at: Clock.hours(4))
    }

    /// Rectified and submitted by the workshop head: awaiting acceptance.
    func awaitingAcceptance(_ staff: Staff, riskPointID: Int64? = nil) async throws -> Hazard {
        let hazard = try await rectifying(staff, riskPointID: riskPointID)
        return try await repository.perform(
            .submitRectification(measuresTaken: "已加装防护栏", completedAt: Clock.hours(5), funds: "800元", evidence: []),
            on: "\(hazard.id)",
            by: staff.workshopHead,
            at: Clock.hours(6)
        ).0
    }

    // MARK: Raw access behind the program's back

    /// The database's own error when it refuses (GRDB's `DatabaseError`, postgres-nio's `PSQLError`), not the store's.
    func execute(_ sql: String, _ arguments: SQLArguments = []) async throws {
        if let sqlite = repository.sqlite {
            try await sqlite.writer.write { db in try db.execute(sql: sql, arguments: arguments) }
        } else if let postgres = repository.database as? TestPostgresDatabase {
            try await postgres.pool.client.query(try PostgresContext.query(sql, arguments.values))
        }
    }

    /// Drops a trigger, as someone with the database's owner rights could.
    func dropTrigger(_ name: String, on table: String) async throws {
        try await execute(repository.sqlite == nil ? "DROP TRIGGER \(name) ON \(table)" : "DROP TRIGGER \(name)")
    }

    func count(_ table: String) async throws -> Int {
        try await repository.database.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table)") ?? -1 }
    }

    static let recordTables = [
        "hazard", "rectification_notice", "governance_plan", "extension_request", "rectification_submission",
        "acceptance", "supervision_listing", "hazard_cancellation", "evidence", "evidence_link", "risk_point",
        "risk_grading", "audit_log",
    ]

    /// Row counts of every record table and the whole document counter, to compare before and after.
    func snapshot() async throws -> Snapshot {
        try await repository.database.read { db in
            var counts: [String: Int] = [:]
            for table in Self.recordTables {
                counts[table] = try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table)")
            }
            let counters = try String.fetchAll(
                db,
                sql: """
                    SELECT enterprise_id || '/' || kind || '/' || year || '=' || last FROM document_counter ORDER BY 1
                    """
            )
            let head = try String.fetchOne(db, sql: "SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1")
            return Snapshot(counts: counts, counters: counters, auditHead: head)
        }
    }
}

struct Snapshot: Equatable, Sendable {
    var counts: [String: Int]
    var counters: [String]
    var auditHead: String?
}

/// Writes a file with known bytes into a fresh temporary directory.
func temporaryFile(named name: String, contents: String) throws -> URL {
    let url = try Fixture.temporaryDirectory().appendingPathComponent(name)
    try Data(contents.utf8).write(to: url)
    return url
}
