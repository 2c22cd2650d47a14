import DualPrevention
import Foundation
import GRDB

extension SQLiteRepository {
    public func performance(enterpriseID: Int64, asOf: Date, since: Date, visibleTo viewer: Viewer) async throws -> [String: MetricValue] {
        try await read { db in
            try Self.requireVisible(enterpriseID, to: viewer, what: "enterprise", key: String(enterpriseID), in: db)
            return try Self.performance(enterpriseID: enterpriseID, in: db).metrics(asOf: asOf, since: since)
        }
    }

    static func performance(enterpriseID: Int64, in db: Database) throws -> DualPreventionPerformance {
        guard let enterprise = try Enterprise.fetchOne(db, key: enterpriseID) else {
            throw NotFoundError(what: "enterprise", key: String(enterpriseID))
        }
        let hazards = try HazardStorage.assemble(HazardRow.filter(Column("enterprise_id") == enterpriseID).order(Column("id")).fetchAll(db), in: db)
        let points = try RiskPoint.filter(Column("enterprise_id") == enterpriseID).order(Column("id")).fetchAll(db)
        let gradings = try GradingRow.filter(points.map(\.id).contains(Column("risk_point_id"))).fetchAll(db).map(\.record)
        return DualPreventionPerformance(
            hazards: hazards,
            plans: try CheckPlan.filter(Column("enterprise_id") == enterpriseID).fetchAll(db),
            runs: try CheckRun.filter(Column("enterprise_id") == enterpriseID).fetchAll(db),
            riskPoints: points,
            gradings: gradings,
            riskPointAddedAt: try addedAt("risk_point", enterpriseID: enterpriseID, in: db),
            local: try LocalTime(timeZoneID: enterprise.timeZoneID)
        )
    }

    static func recordMetrics(enterpriseID: Int64, in db: Database) throws -> QualityRecordMetrics {
        QualityRecordMetrics(
            records: try QualityRecord.filter(Column("enterprise_id") == enterpriseID).fetchAll(db),
            people: try Person.filter(Column("enterprise_id") == enterpriseID).fetchAll(db),
            peopleAddedAt: try addedAt("person", enterpriseID: enterpriseID, in: db)
        )
    }

    /// The assessment of one enterprise as of an instant, compared with its latest stored grade up to that instant.
    static func creditGrade(
        enterpriseID: Int64,
        rules: CreditRules,
        asOf: Date,
        since: Date,
        by actorID: Int64,
        at now: Date,
        in db: Database
    ) throws -> CreditGradeRecord {
        let records = try recordMetrics(enterpriseID: enterpriseID, in: db)
        let metrics = try performance(enterpriseID: enterpriseID, in: db).metrics(asOf: asOf, since: since)
            .merging(records.metrics(asOf: asOf, since: since)) { a, _ in a }
        let assessment = CreditScorer.assess(metrics, rules: rules)
        let previous = try CreditGradeRecord.filter(Column("enterprise_id") == enterpriseID && Column("as_of") <= asOf)
            .order(Column("as_of").desc, Column("id").desc).fetchOne(db)
        // Honours go when the enterprise falls to D or was put on a published black list within the window.
        let blackListed = try ListEntry.filter(
            Column("enterprise_id") == enterpriseID && Column("list") == ListKind.black.rawValue
                && Column("state") == ListEntry.State.published.rawValue
        ).fetchAll(db)
            .contains { ($0.publishedAt ?? .distantFuture) <= asOf && ($0.publishedAt ?? .distantPast) >= since }
        let honours = assessment.grade == .d || blackListed ? records.honours(at: asOf).map(\.key) : []
        return CreditGradeRecord(
            enterpriseID: enterpriseID,
            asOf: asOf,
            since: since,
            computedBy: actorID,
            computedAt: now,
            assessment: assessment,
            previous: previous,
            honoursToRevoke: honours
        )
    }

    public func assessCredit(
        enterpriseID: Int64,
        rules: CreditRules,
        asOf: Date,
        since: Date,
        visibleTo viewer: Viewer
    ) async throws -> CreditGradeRecord {
        try await read { db in
            try Self.requireVisible(enterpriseID, to: viewer, what: "enterprise", key: String(enterpriseID), in: db)
            let viewerID: Int64 = if case .person(let actor) = viewer { actor.id } else { 0 }
            return try Self.creditGrade(enterpriseID: enterpriseID, rules: rules, asOf: asOf, since: since, by: viewerID, at: asOf, in: db)
        }
    }

    public func recordCreditGrade(
        enterpriseID: Int64,
        rules: CreditRules,
        asOf: Date,
        since: Date,
        by actor: Actor,
        at now: Date
    ) async throws -> CreditGradeRecord {
        let grades = try await recordCreditGrades(
            [CreditGradeRequest(enterpriseID: enterpriseID, asOf: asOf, since: since)],
            rules: rules,
            by: actor,
            at: now
        )
        guard let grade = grades.first else { throw NotFoundError(what: "enterprise", key: String(enterpriseID)) }
        return grade
    }

    public func recordCreditGrades(
        _ requests: [CreditGradeRequest],
        rules: CreditRules,
        by actor: Actor,
        at now: Date
    ) async throws -> [CreditGradeRecord] {
        try await actRecordingAll(at: now) { db in
            let actor = try Self.current(actor, in: db)
            var grades: [CreditGradeRecord] = []
            var audits: [AuditDraft] = []
            for request in requests {
                try CreditGradeRecord.authorize(actor, jurisdictionPath: try Self.enterprisePath(request.enterpriseID, in: db))
                guard request.asOf <= now else {
                    throw InputError(
                        rule: "CREDIT-AS-OF-FUTURE",
                        message: Text(zh: "不能按未来的日期评级", en: "a grade cannot be computed as of a future date"),
                        hint: Text(zh: "去掉 --as-of 或填写今天及以前的日期", en: "leave out --as-of or give today or earlier")
                    )
                }
                var grade = try Self.creditGrade(
                    enterpriseID: request.enterpriseID,
                    rules: rules,
                    asOf: request.asOf,
                    since: request.since,
                    by: actor.id,
                    at: now,
                    in: db
                )
                grade.id = try Self.nextID("credit_grade", in: db)
                try grade.insert(db)
                let change =
                    grade.previousGrade.map { $0 == grade.grade ? "\($0.rawValue) unchanged" : "\($0.rawValue) → \(grade.grade.rawValue)" }
                    ?? "first grade \(grade.grade.rawValue)"
                grades.append(grade)
                audits.append(
                    AuditDraft(
                        actor: actor,
                        action: "credit.grade",
                        objectType: "credit_grade",
                        objectID: grade.id,
                        enterpriseID: request.enterpriseID,
                        summary: "\(change), score \(grade.score)",
                        payload: Self.payload(grade)
                    )
                )
            }
            return (grades, audits)
        }
    }

    public func creditGrades(enterpriseID: Int64?, visibleTo viewer: Viewer) async throws -> [CreditGradeRecord] {
        try await read { db in
            if let enterpriseID { try Self.requireVisible(enterpriseID, to: viewer, what: "enterprise", key: String(enterpriseID), in: db) }
            var request = CreditGradeRecord.order(Column("enterprise_id"), Column("as_of"), Column("id"))
            if let enterpriseID { request = request.filter(Column("enterprise_id") == enterpriseID) }
            request = request.visible(to: viewer)
            return try request.fetchAll(db)
        }
    }
}
