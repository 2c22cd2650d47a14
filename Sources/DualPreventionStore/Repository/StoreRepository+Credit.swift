import DualPrevention
import Foundation
import GRDB

extension StoreRepository {
    public func performance(enterpriseID: Int64, asOf: Date, since: Date, visibleTo viewer: Viewer) async throws -> [String: MetricValue] {
        try await read { db in
            try Self.requireVisible(enterpriseID, to: viewer, what: "enterprise", key: String(enterpriseID), in: db)
            return try Self.performance(enterpriseID: enterpriseID, in: db).metrics(asOf: asOf, since: since)
        }
    }

    static func performance(enterpriseID: Int64, in db: any SQLContext) throws -> DualPreventionPerformance {
        guard let performance = try CreditInputLoader.performances([enterpriseID], in: db)[enterpriseID] else {
            throw NotFoundError(what: "enterprise", key: String(enterpriseID))
        }
        return performance
    }

    public func assessCredit(
        enterpriseID: Int64,
        rules: CreditRules,
        asOf: Date,
        since: Date,
        visibleTo viewer: Viewer
    ) async throws -> CreditGradeRecord {
        let grades = try await assessCredits(
            [CreditGradeRequest(enterpriseID: enterpriseID, asOf: asOf, since: since)],
            rules: rules,
            visibleTo: viewer
        ) { _, _ in }
        guard let grade = grades.first else { throw NotFoundError(what: "enterprise", key: String(enterpriseID)) }
        return grade
    }

    public func assessCredits(
        _ requests: [CreditGradeRequest],
        rules: CreditRules,
        visibleTo viewer: Viewer,
        progress: @escaping @Sendable (Int, Int) -> Void
    ) async throws -> [CreditGradeRecord] {
        // One read transaction: every grade sees the same records, however long the whole takes.
        try await read { db in
            let viewerID: Int64 = if case .person(let actor) = viewer { actor.id } else { 0 }
            try Self.requireAllVisible(requests.map(\.enterpriseID), to: viewer, in: db)
            var grades: [CreditGradeRecord] = []
            for chunk in requests.chunks(of: CreditInputLoader.chunkSize) {
                for (request, inputs) in zip(chunk, try CreditInputLoader.inputs(chunk, in: db)) {
                    grades.append(inputs.grade(rules: rules, asOf: request.asOf, since: request.since, by: viewerID, at: request.asOf))
                }
                progress(grades.count, requests.count)
            }
            return grades
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
            let actor = try Self.current(actor, at: now, in: db)
            var grades: [CreditGradeRecord] = []
            var audits: [AuditDraft] = []
            // Each grade is compared with the one stored before this run: one enterprise twice in a run has no such answer.
            if let twice = Dictionary(grouping: requests, by: \.enterpriseID).first(where: { $0.value.count > 1 })?.key {
                throw InputError(
                    rule: "CREDIT-ONCE-PER-RUN",
                    message: Text("sQLiteRepository.enterpriseGradedTwiceOne", "\(twice)"),
                    hint: Text("sQLiteRepository.gradeEachEnterpriseOnce")
                )
            }
            for chunk in requests.chunks(of: CreditInputLoader.chunkSize) {
                let paths = try Self.enterprisePaths(chunk.map(\.enterpriseID), in: db)
                for request in chunk {
                    guard let path = paths[request.enterpriseID] else { throw NotFoundError(what: "enterprise", key: String(request.enterpriseID)) }
                    try CreditGradeRecord.authorize(actor, jurisdictionPath: path)
                    guard request.asOf <= now else {
                        throw InputError(
                            rule: "CREDIT-AS-OF-FUTURE",
                            message: Text("sQLiteRepository.gradeCannotComputedAs"),
                            hint: Text("sQLiteRepository.leaveOutAsGive")
                        )
                    }
                }
                // Loaded before any of the chunk is stored, so each grade is compared with the grade before this run.
                for (request, inputs) in zip(chunk, try CreditInputLoader.inputs(chunk, in: db)) {
                    var grade = inputs.grade(rules: rules, asOf: request.asOf, since: request.since, by: actor.id, at: now)
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
            }
            return (grades, audits)
        }
    }

    public func creditGrades(enterpriseID: Int64?, visibleTo viewer: Viewer) async throws -> [CreditGradeRecord] {
        try await read { db in try Self.creditGradeRequest(enterpriseID: enterpriseID, visibleTo: viewer, in: db).fetchAll(db) }
    }

    public func creditGradePage(enterpriseID: Int64?, page: PageRequest, visibleTo viewer: Viewer) async throws -> Paged<CreditGradeRecord> {
        try await read { db in try Paged(Self.creditGradeRequest(enterpriseID: enterpriseID, visibleTo: viewer, in: db), page, in: db) }
    }

    static func creditGradeRequest(
        enterpriseID: Int64?,
        visibleTo viewer: Viewer,
        in db: any SQLContext
    ) throws -> TableQuery<CreditGradeRecord> {
        if let enterpriseID { try Self.requireVisible(enterpriseID, to: viewer, what: "enterprise", key: String(enterpriseID), in: db) }
        var request = TableQuery<CreditGradeRecord>(orderedBy: "enterprise_id, as_of, id")
        if let enterpriseID { request = request.filter("enterprise_id", is: enterpriseID) }
        return request.visible(to: viewer)
    }

    public func latestCreditGrades(enterpriseIDs: [Int64], visibleTo viewer: Viewer) async throws -> [CreditGradeRecord] {
        try await read { db in
            let set = IDSet.json(Array(Set(enterpriseIDs)).sorted())
            return try TableQuery<CreditGradeRecord>(orderedBy: "enterprise_id").filter(
                """
                id IN (SELECT (SELECT g.id FROM credit_grade AS g WHERE g.enterprise_id = e.value ORDER BY g.computed_at DESC, g.id DESC LIMIT 1)
                       FROM (\(sql: db.idSet, arguments: [set])) AS e)
                """
            ).visible(to: viewer).fetchAll(db)
        }
    }

    public func latestCreditGradeCounts(visibleTo viewer: Viewer) async throws -> [CreditGrade: Int] {
        try await read { db in
            let latest: SQLText = """
                SELECT grade, count(id) AS n FROM credit_grade
                WHERE (id IN (SELECT (SELECT g.id FROM credit_grade AS g WHERE g.enterprise_id = e.id ORDER BY g.computed_at DESC, g.id DESC LIMIT 1)
                              FROM enterprise AS e))
                  AND (\(viewer.sees("enterprise_id")))
                GROUP BY grade
                """
            var counts: [CreditGrade: Int] = [:]
            for row in try Row.fetchAll(db, latest) {
                if let grade = CreditGrade(rawValue: row["grade"]) { counts[grade] = row["n"] }
            }
            return counts
        }
    }
}
