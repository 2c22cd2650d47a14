import DualPrevention
import Foundation
import GRDB

/// Saves and loads the hazard aggregate: its row and the rows of its parts.
enum HazardStorage {
    static func insert(_ hazard: Hazard, in db: any SQLContext) throws {
        var values = RowValues()
        HazardRow(hazard).write(to: &values)
        try values.insert(into: HazardRow.databaseTableName, in: db)
        try sync(hazard, old: nil, in: db)
    }

    /// Writes what changed between the loaded value and the new one; parts are appended or updated.
    static func save(_ hazard: Hazard, old: Hazard, in db: any SQLContext) throws {
        let row = HazardRow(hazard)
        var moved = HazardRow(old)
        (moved.state, moved.ownerID, moved.ownerRole, moved.deadline, moved.closedAt) = (
            row.state, row.ownerID, row.ownerRole, row.deadline, row.closedAt
        )
        if moved == row {
            // What an action moves: only these columns are set, so only the indexes over them are rewritten, through a
            // statement prepared once per connection (on SQLite).
            try db.execute(
                sql: "UPDATE hazard SET state = ?, owner_id = ?, owner_role = ?, deadline = ?, closed_at = ? WHERE id = ?",
                arguments: [row.state, row.ownerID, row.ownerRole, DateText.value(row.deadline), DateText.value(row.closedAt), row.id]
            )
        } else {
            try row.update(db)
        }
        try sync(hazard, old: old, in: db)
    }

    private static func sync(_ new: Hazard, old: Hazard?, in db: any SQLContext) throws {
        try syncParts([new.notice].compactMap { $0 }, [old?.notice].compactMap { $0 }, new.id, db)
        try syncParts(new.plans, old?.plans ?? [], new.id, db)
        try syncParts([new.extensionRequest].compactMap { $0 }, [old?.extensionRequest].compactMap { $0 }, new.id, db)
        try syncParts(new.submissions, old?.submissions ?? [], new.id, db)
        try syncParts(new.acceptances, old?.acceptances ?? [], new.id, db)
        try syncParts(new.listings, old?.listings ?? [], new.id, db)
        try syncParts([new.cancellation].compactMap { $0 }, [old?.cancellation].compactMap { $0 }, new.id, db)
        try syncParts([new.origin].compactMap { $0 }, [old?.origin].compactMap { $0 }, new.id, db)
    }

    private static func syncParts<P: HazardPart & Equatable>(_ new: [P], _ old: [P], _ hazardID: Int64, _ db: any SQLContext) throws {
        for (index, part) in new.enumerated() {
            if index >= old.count {
                try PartRow(hazardID: hazardID, part: part).insert(in: db)
            } else if part != old[index] {
                try updatePart(PartRow(hazardID: hazardID, part: part), in: db)
            }
        }
    }

    /// Rewrites a part's row, found by its key: its hazard, and its sequence when it has one (plans, submissions,
    /// acceptances, listings). Every other column is set, as a record's update sets every column but its key; no such
    /// row is an error, as it is for a record.
    private static func updatePart<P: HazardPart>(_ part: PartRow<P>, in db: any SQLContext) throws {
        var values = RowValues()
        part.write(to: &values)
        let key = ["hazard_id", "sequence"].filter(values.columns.contains)
        try db.updateRow(P.tableName, columns: values.columns, values: values.values, key: key)
    }

    static func load(_ id: Int64, in db: any SQLContext) throws -> Hazard? {
        guard let row = try HazardRow.byID(id, in: db) else { return nil }
        return try assemble([row], in: db, paths: StoreRepository.onePath(row.enterpriseID, in: db)).first
    }

    /// Builds hazards from their rows, fetching each kind of part once for all of them.
    /// `paths` are the enterprises' paths up the tree when the caller has them (`enterprisePaths` otherwise).
    static func assemble(_ rows: [HazardRow], in db: any SQLContext, paths known: [Int64: [Int64]]? = nil) throws -> [Hazard] {
        guard !rows.isEmpty else { return [] }
        // The ids go in as one JSON array: any number of hazards, one statement per kind of part.
        // One hazard (every transition loads one) is found by equality, without a JSON set to unpack.
        let one = rows.count == 1 ? rows[0].id : nil
        let ids = IDSet.json(rows.map(\.id))
        func parts<P: HazardPart>(_ type: P.Type) throws -> [Int64: [P]] {
            // Prepared once per connection (on SQLite): every transition loads its hazard through here. Closures rather
            // than key paths below: a key path into a generic type is instantiated again at every call.
            let table = PartRow<P>.databaseTableName
            let sql: String
            let arguments: SQLArguments
            if let one {
                sql = "SELECT * FROM \(table) WHERE hazard_id = ?"
                arguments = [one]
            } else {
                sql = "SELECT * FROM \(table) WHERE hazard_id IN (\(db.idSet))"
                arguments = [ids]
            }
            var grouped: [Int64: [P]] = [:]
            for row in try PartRow<P>.fetchAll(db, sql: sql, arguments: arguments) { grouped[row.hazardID, default: []].append(row.part) }
            return grouped
        }
        let notices = try parts(RectificationNotice.self)
        let plans = try parts(GovernancePlan.self)
        let extensions = try parts(ExtensionRequest.self)
        let submissions = try parts(RectificationSubmission.self)
        let acceptances = try parts(AcceptanceRecord.self)
        let listings = try parts(SupervisionListing.self)
        let cancellations = try parts(Cancellation.self)
        let origins = try parts(HazardOrigin.self)
        let paths = try known ?? StoreRepository.enterprisePaths(Array(Set(rows.map(\.enterpriseID))), in: db)
        return rows.map { row in
            Hazard(
                id: row.id,
                number: row.number,
                enterpriseID: row.enterpriseID,
                jurisdictionPath: paths[row.enterpriseID] ?? [],
                workshopID: row.workshopID,
                teamID: row.teamID,
                postID: row.postID,
                riskPointID: row.riskPointID,
                checkItemRef: row.checkItemRef,
                source: row.source,
                grade: row.grade,
                description: row.description,
                location: row.location,
                foundBy: row.foundBy,
                foundAt: row.foundAt,
                state: row.state,
                ownerID: row.ownerID,
                ownerRole: row.ownerRole,
                deadline: row.deadline,
                closedAt: row.closedAt,
                notice: notices[row.id]?.first,
                plans: (plans[row.id] ?? []).sorted { $0.sequence < $1.sequence },
                extensionRequest: extensions[row.id]?.first,
                submissions: (submissions[row.id] ?? []).sorted { $0.sequence < $1.sequence },
                acceptances: (acceptances[row.id] ?? []).sorted { $0.sequence < $1.sequence },
                listings: (listings[row.id] ?? []).sorted { $0.sequence < $1.sequence },
                cancellation: cancellations[row.id]?.first,
                origin: origins[row.id]?.first
            )
        }
    }

    /// The next number of a kind for an enterprise and year; inside the action's transaction, so a
    /// refused action rolls its number back and no gap is left.
    static func nextNumber(_ kind: DocumentKind, enterpriseID: Int64, year: Int, in db: any SQLContext) throws -> String {
        // Prepared once per connection (on SQLite): every report and notice draws a number. The counter's own `last`
        // is named with its table: PostgreSQL finds a bare `last` ambiguous (the proposed row's is `excluded.last`).
        let sequence =
            try Int.fetchOne(
                db,
                sql: """
                    INSERT INTO document_counter (enterprise_id, kind, year, last) VALUES (?, ?, ?, 1)
                    ON CONFLICT (enterprise_id, kind, year) DO UPDATE SET last = document_counter.last + 1
                    RETURNING last
                    """,
                arguments: [enterpriseID, kind.rawValue, year]
            ) ?? 1
        return kind.number(year: year, sequence: sequence)
    }
}
