import DualPrevention
import Foundation
import GRDB

extension StoreRepository {
    public func person(_ key: String) async throws -> Person {
        try await read { db in
            if let id = Int64(key) {
                guard let person = try Person.byID(id, in: db) else { throw NotFoundError(what: "person", key: key) }
                return person
            }
            let matches = try TableQuery<Person>().filter("name", is: key).fetchAll(db)
            guard matches.count <= 1 else {
                throw StoreError.ambiguous(what: "people", key: key, candidates: matches.map { "#\($0.id) \($0.role.rawValue)" })
            }
            guard let person = matches.first else { throw NotFoundError(what: "person", key: key) }
            return person
        }
    }

    public func person(_ key: String, visibleTo viewer: Viewer) async throws -> Person {
        try await read { db in
            var request = try Self.peopleRequest(enterpriseID: nil, visibleTo: viewer, in: db)
            request = if let id = Int64(key) { request.filter("id", is: id) } else { request.filter("name", is: key) }
            let matches = try request.fetchAll(db)
            guard matches.count <= 1 else {
                throw StoreError.ambiguous(what: "people", key: key, candidates: matches.map { "#\($0.id) \($0.role.rawValue)" })
            }
            // Someone out of sight is answered as someone unknown: the answer does not tell that they exist.
            guard let person = matches.first else { throw NotFoundError(what: "person", key: key) }
            return person
        }
    }

    public func jurisdictions() async throws -> [Jurisdiction] {
        try await read { db in try Jurisdiction.all(db) }
    }

    public func jurisdictionPath(of jurisdictionID: Int64) async throws -> [Int64] {
        try await read { db in try Self.path(of: jurisdictionID, in: db) }
    }

    public func enterprise(_ key: String, visibleTo viewer: Viewer) async throws -> Enterprise {
        try await read { db in
            var request = TableQuery<Enterprise>()
            if let id = Int64(key) {
                request = request.filter("id", is: id)
            } else {
                request = request.filter("credit_code = \(key.uppercased()) OR name = \(key)")
            }
            request = request.visible(to: viewer, column: "id")
            let matches = try request.fetchAll(db)
            guard matches.count <= 1 else { throw StoreError.ambiguous(what: "enterprises", key: key, candidates: matches.map { "#\($0.id)" }) }
            guard let enterprise = matches.first else { throw NotFoundError(what: "enterprise", key: key) }
            return enterprise
        }
    }

    public func enterprises(visibleTo viewer: Viewer) async throws -> [Enterprise] {
        try await read { db in try TableQuery<Enterprise>().visible(to: viewer, column: "id").fetchAll(db) }
    }

    public func enterprisePage(page: PageRequest, visibleTo viewer: Viewer) async throws -> Paged<Enterprise> {
        try await read { db in try Paged(TableQuery<Enterprise>().visible(to: viewer, column: "id"), page, in: db) }
    }

    public func enterprises(ids: [Int64], visibleTo viewer: Viewer) async throws -> [Enterprise] {
        try await read { db in
            try TableQuery<Enterprise>().filter("id IN (\(sql: db.idSet, arguments: [IDSet.json(ids)]))").visible(to: viewer, column: "id")
                .fetchAll(db)
        }
    }

    public func names(enterpriseIDs: [Int64], visibleTo viewer: Viewer) async throws -> Names {
        let ids = Array(Set(enterpriseIDs)).sorted()
        return try await read { db in
            try Self.requireAllVisible(ids, to: viewer, in: db)
            return try Self.names(enterpriseIDs: ids, in: db)
        }
    }

    public func workshops(enterpriseID: Int64, visibleTo viewer: Viewer) async throws -> [Workshop] {
        try await read { db in
            try Self.requireVisible(enterpriseID, to: viewer, what: "enterprise", key: String(enterpriseID), in: db)
            return try Workshop.fetchAll(db, where: "enterprise_id", is: enterpriseID)
        }
    }

    public func teams(enterpriseID: Int64, visibleTo viewer: Viewer) async throws -> [Team] {
        try await read { db in
            try Self.requireVisible(enterpriseID, to: viewer, what: "enterprise", key: String(enterpriseID), in: db)
            return try Team.fetchAll(
                db,
                sql: "SELECT t.* FROM team t JOIN workshop w ON w.id = t.workshop_id WHERE w.enterprise_id = ? ORDER BY t.id",
                arguments: [enterpriseID]
            )
        }
    }

    public func posts(enterpriseID: Int64, visibleTo viewer: Viewer) async throws -> [Post] {
        try await read { db in
            try Self.requireVisible(enterpriseID, to: viewer, what: "enterprise", key: String(enterpriseID), in: db)
            return try Post.fetchAll(
                db,
                sql: """
                    SELECT p.* FROM post p JOIN team t ON t.id = p.team_id JOIN workshop w ON w.id = t.workshop_id
                    WHERE w.enterprise_id = ? ORDER BY p.id
                    """,
                arguments: [enterpriseID]
            )
        }
    }

    public func people(enterpriseID: Int64?, visibleTo viewer: Viewer) async throws -> [Person] {
        try await read { db in try Self.peopleRequest(enterpriseID: enterpriseID, visibleTo: viewer, in: db).fetchAll(db) }
    }

    public func peoplePage(enterpriseID: Int64?, page: PageRequest, visibleTo viewer: Viewer) async throws -> Paged<Person> {
        try await read { db in try Paged(Self.peopleRequest(enterpriseID: enterpriseID, visibleTo: viewer, in: db), page, in: db) }
    }

    /// People of one enterprise in sight, or everyone of the enterprises in sight and the viewer themself, in id order.
    static func peopleRequest(enterpriseID: Int64?, visibleTo viewer: Viewer, in db: any SQLContext) throws -> TableQuery<Person> {
        var request = TableQuery<Person>()
        if let enterpriseID {
            try Self.requireVisible(enterpriseID, to: viewer, what: "enterprise", key: String(enterpriseID), in: db)
            request = request.filter("enterprise_id", is: enterpriseID)
        } else if let visible = viewer.visibleEnterpriseIDs {
            let own: Int64 = if case .person(let actor) = viewer { actor.id } else { 0 }
            request = request.filter("enterprise_id IN (\(visible)) OR id = \(own)")
        }
        return request
    }

    public func history(objectType: String, objectID: Int64, visibleTo viewer: Viewer) async throws -> [AuditEntry] {
        try await read { db in
            let entries = try Row.fetchAll(
                db,
                sql: "SELECT * FROM audit_log WHERE object_type = ? AND object_id = ? ORDER BY seq",
                arguments: [objectType, objectID]
            ).map(AuditLog.entry)
            guard let visible = viewer.visibleEnterpriseIDs else { return entries }
            let ids = Set(entries.compactMap(\.enterpriseID))
            let seen = Set(
                try Int64.fetchAll(
                    db,
                    "SELECT id FROM enterprise WHERE id IN (\(sql: db.idSet, arguments: [IDSet.json(ids)])) AND id IN (\(visible))"
                )
            )
            // Entries outside any enterprise (the jurisdiction tree, regulators) are for regulators.
            let isRegulator = if case .person(let actor) = viewer { actor.role == .regulator } else { false }
            return entries.filter { entry in entry.enterpriseID.map(seen.contains) ?? isRegulator }
        }
    }

    /// Walks the chain and runs the record check. The chain and each part of the record check (`RecordCheck.Part`)
    /// run in reads of their own, `verifyWidth` at a time, largest first: each compares only rows and entries it
    /// read in one snapshot, so the parts need no common one, and a province's check takes its time divided by the
    /// cores rather than summed on one.
    public func verifyAudit(expectedHead: String?, visibleTo viewer: Viewer) async throws -> AuditReport {
        let evidence = evidenceStore
        enum Job: Sendable {
            case chain
            case part(RecordCheck.Part)
        }
        enum Outcome: Sendable {
            case chain(AuditReport)
            case part(RecordCheck.Part, [AuditReport.RecordMismatch])
        }
        var report: AuditReport?
        var found: [RecordCheck.Part: [AuditReport.RecordMismatch]] = [:]
        try await withThrowingTaskGroup(of: Outcome.self) { group in
            var jobs = ([Job.chain] + RecordCheck.Part.largestFirst.map(Job.part))[...]
            func start(_ job: Job) {
                group.addTask {
                    switch job {
                    case .chain: .chain(try await read { db in try AuditLog.verify(db, expectedHead: expectedHead) })
                    case .part(let part): .part(part, try await read { db in try RecordCheck.check(part, in: db, evidence: evidence) })
                    }
                }
            }
            for job in jobs.prefix(Self.verifyWidth) { start(job) }
            jobs = jobs.dropFirst(Self.verifyWidth)
            while let outcome = try await group.next() {
                switch outcome {
                case .chain(let chain): report = chain
                case .part(let part, let mismatches): found[part] = mismatches
                }
                if let job = jobs.popFirst() { start(job) }
            }
        }
        guard var report else { throw CancellationError() }
        report.mismatches = RecordCheck.Part.all.flatMap { found[$0] ?? [] }
        // The enterprises in sight are read only when there is something to sift: a province has tens of thousands.
        if let visible = viewer.visibleEnterpriseIDs, !report.mismatches.isEmpty {
            let mismatches = report.mismatches
            report.mismatches = try await read { db in
                let seen = Set(try Int64.fetchAll(db, "SELECT id FROM enterprise WHERE id IN (\(visible))"))
                return try mismatches.filter { try !RecordCheck.enterprises(of: $0, in: db).isDisjoint(with: seen) }
            }
        }
        return report
    }

    /// How many reads `verifyAudit` runs at once: one per core, at most four (each holds a connection).
    static let verifyWidth = min(4, max(1, ProcessInfo.processInfo.activeProcessorCount))
}

extension StoreRepository {
    /// True when the file is one of ours whose first audit entry says the demo built it. Read-only, before any
    /// migration touches the file, so that a foreign database is never mistaken for an empty demo.
    public static func isDemoDatabase(path: String) -> Bool {
        var config = Configuration()
        config.readonly = true
        guard let queue = try? DatabaseQueue(path: path, configuration: config) else { return false }
        let summary = try? queue.read { db -> String in
            guard try db.tableExists("audit_log") else { return "" }
            return try String.fetchOne(db, sql: "SELECT summary FROM audit_log ORDER BY seq LIMIT 1") ?? ""
        }
        return summary?.hasPrefix("demo database") ?? false
    }
}
