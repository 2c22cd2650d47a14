import DualPrevention
import Foundation
import GRDB
import Logging

/// The store: every feature store over one database, the embedded SQLite file (GRDB over the system SQLite) or a
/// province's PostgreSQL (`DualPreventionPostgres`), through the same code. Each user action is one transaction that
/// also appends its audit entry; a refusal or an error rolls the whole action back.
public struct StoreRepository: Repository {
    public let database: any StoreDatabase
    public let evidenceStore: EvidenceStore
    public let bands: GradingBands
    public let dimensions: DimensionCatalog
    let logger = Logger(label: "dualprev.store")
    /// Logins of a database opened read-only (`StoreRepository+Sessions`).
    let memorySessions = MemorySessionStorage()

    public init(
        database: any StoreDatabase,
        evidenceStore: EvidenceStore,
        bands: GradingBands = .default,
        dimensions: DimensionCatalog = DimensionCatalog()
    ) {
        self.database = database
        self.evidenceStore = evidenceStore
        self.bands = bands
        self.dimensions = dimensions
    }

    /// Opens the database file and keeps evidence in `<file>.evidence/` beside it.
    public static func open(path: String, busy: BusyWait = BusyWait()) throws -> StoreRepository {
        let database = try AppDatabase.open(path: path, busy: busy)
        return StoreRepository(database: database, evidenceStore: EvidenceStore(root: URL(fileURLWithPath: path + ".evidence")))
    }

    /// The SQLite file, when the store is one: what only SQLite has (an online backup, the generator's bulk writes).
    public var sqlite: AppDatabase? { database as? AppDatabase }

    /// The SQLite file's writer, for `what` only SQLite does (`generate`, `backup`); refused on PostgreSQL.
    func sqliteWriter(for what: String) throws -> any DatabaseWriter {
        guard let sqlite else {
            throw InputError(
                rule: "STORE-SQLITE-ONLY",
                message: Text("sQLiteRepository.sqliteOnly", what),
                hint: Text("sQLiteRepository.sqliteOnlyHint")
            )
        }
        return sqlite.writer
    }

    /// One user action: the change and its audit entry in one transaction.
    func act<T: Sendable>(at now: Date, _ body: @escaping @Sendable (any SQLContext) throws -> (T, AuditDraft)) async throws -> T {
        try await actRecordingAll(at: now) { db in
            let (value, draft) = try body(db)
            return (value, [draft])
        }
    }

    /// One user action whose consequences on other objects get entries of their own, after the action's.
    func actRecordingAll<T: Sendable>(at now: Date, _ body: @escaping @Sendable (any SQLContext) throws -> (T, [AuditDraft])) async throws -> T {
        try requireWritable()
        return try await database.write { db in
            let (value, drafts) = try body(db)
            for draft in drafts { try AuditLog.append(draft, at: now, in: db) }
            return value
        }
    }

    /// Refuses a change up front on a database opened read-only, before any evidence file is copied.
    func requireWritable() throws {
        if database.isReadOnly { throw StoreError.readOnly(path: "") }
    }

    func read<T: Sendable>(_ body: @escaping @Sendable (any SQLContext) throws -> T) async throws -> T {
        try await database.read(body)
    }

    static func nextID(_ table: String, in db: any SQLContext) throws -> Int64 {
        // Prepared once per connection and table: every insert of the program asks.
        try Int64.fetchOne(db, sql: "SELECT coalesce(max(id), 0) + 1 FROM \(table)") ?? 1
    }

    /// Canonical JSON of what an action did, stored in its audit entry (`CanonicalJSON`: its bytes do not depend on
    /// Foundation's encoder). A value that has no JSON form (a number that is not finite) records as `{}`.
    static func payload(_ value: some Encodable) -> String {
        (try? CanonicalJSON.string(value)) ?? "{}"
    }

    // MARK: People and places

    public func bootstrap(adminName: String, demo: Bool, at now: Date) async throws -> Person {
        try await act(at: now) { db in try Self.bootstrap(adminName: adminName, demo: demo, at: now, in: db) }
    }

    static func bootstrap(adminName: String, demo: Bool, at now: Date, in db: any SQLContext) throws -> (Person, AuditDraft) {
        if let existing = try Person.fetchOne(db, sql: "SELECT * FROM person WHERE role = ? ORDER BY id LIMIT 1", arguments: [Role.admin.rawValue]) {
            throw StoreError.constraint(
                Text("sQLiteRepository.databaseAlreadyInitialisedAdministrator", "\(existing.name)"),
                underlying: "person \(existing.id)"
            )
        }
        let admin = Person(id: try Self.nextID("person", in: db), name: adminName, role: .admin)
        try admin.validate()
        try admin.insert(db)
        return (
            admin,
            AuditDraft(
                actor: admin.actor,
                action: "init",
                objectType: "person",
                objectID: admin.id,
                enterpriseID: nil,
                summary: (demo ? "demo database" : "database") + " initialised by \(admin.name)",
                payload: Self.payload(admin)
            )
        )
    }

    public func addJurisdiction(name: String, level: JurisdictionLevel, parentID: Int64?, by actor: Actor, at now: Date) async throws -> Jurisdiction
    {
        try await act(at: now) { db in try Self.addJurisdiction(name: name, level: level, parentID: parentID, by: actor, at: now, in: db) }
    }

    static func addJurisdiction(
        name: String,
        level: JurisdictionLevel,
        parentID: Int64?,
        by actor: Actor,
        at now: Date,
        in db: any SQLContext
    ) throws -> (Jurisdiction, AuditDraft) {
        let actor = try Self.current(actor, at: now, in: db)
        try SetupPolicy.mayAddJurisdiction(actor)
        let parent = try parentID.map { id in
            guard let found = try Jurisdiction.byID(id, in: db) else { throw NotFoundError(what: "jurisdiction", key: "\(id)") }
            return found
        }
        try Jurisdiction.validate(name: name, level: level, parent: parent)
        let node = Jurisdiction(id: try Self.nextID("jurisdiction", in: db), name: name, level: level, parentID: parentID)
        try node.insert(db)
        return (
            node,
            AuditDraft(
                actor: actor,
                action: "jurisdiction.add",
                objectType: "jurisdiction",
                objectID: node.id,
                enterpriseID: nil,
                summary: "\(level.rawValue) \(name)",
                payload: Self.payload(node)
            )
        )
    }

    public func addEnterprise(_ draft: Enterprise, by actor: Actor, at now: Date) async throws -> Enterprise {
        _ = try LocalTime(timeZoneID: draft.timeZoneID)
        return try await act(at: now) { db in try Self.addEnterprise(draft, by: actor, at: now, in: db) }
    }

    static func addEnterprise(_ draft: Enterprise, by actor: Actor, at now: Date, in db: any SQLContext) throws -> (Enterprise, AuditDraft) {
        let actor = try Self.current(actor, at: now, in: db)
        try SetupPolicy.mayAddEnterprise(actor, jurisdictionPath: try Self.path(of: draft.jurisdictionID, in: db))
        guard draft.name.nonBlank != nil else { throw InputError.required("name", zh: "企业名称") }
        if let clash = try Enterprise.fetchOne(db, sql: "SELECT * FROM enterprise WHERE credit_code = ? LIMIT 1", arguments: [draft.creditCode.value])
        {
            throw StoreError.constraint(
                Text("sQLiteRepository.creditCodeAlreadyRegistered", "\(draft.creditCode)", "\(clash.name)"),
                underlying: "enterprise \(clash.id)"
            )
        }
        var enterprise = draft
        enterprise.id = try Self.nextID("enterprise", in: db)
        try enterprise.insert(db)
        return (
            enterprise,
            AuditDraft(
                actor: actor,
                action: "enterprise.add",
                objectType: "enterprise",
                objectID: enterprise.id,
                enterpriseID: enterprise.id,
                summary: enterprise.name,
                payload: Self.payload(enterprise)
            )
        )
    }

    public func addWorkshop(enterpriseID: Int64, name: String, by actor: Actor, at now: Date) async throws -> Workshop {
        try await act(at: now) { db in try Self.addWorkshop(enterpriseID: enterpriseID, name: name, by: actor, at: now, in: db) }
    }

    static func addWorkshop(enterpriseID: Int64, name: String, by actor: Actor, at now: Date, in db: any SQLContext) throws -> (Workshop, AuditDraft)
    {
        let actor = try Self.current(actor, at: now, in: db)
        try SetupPolicy.mayOrganise(actor, enterpriseID: enterpriseID)
        guard try Enterprise.exists(db, id: enterpriseID) else { throw NotFoundError(what: "enterprise", key: "\(enterpriseID)") }
        guard name.nonBlank != nil else { throw InputError.required("name", zh: "车间名称") }
        let workshop = Workshop(id: try Self.nextID("workshop", in: db), enterpriseID: enterpriseID, name: name)
        try workshop.insert(db)
        return (
            workshop,
            AuditDraft(
                actor: actor,
                action: "workshop.add",
                objectType: "workshop",
                objectID: workshop.id,
                enterpriseID: enterpriseID,
                summary: name,
                payload: Self.payload(workshop)
            )
        )
    }

    public func addTeam(workshopID: Int64, name: String, by actor: Actor, at now: Date) async throws -> Team {
        try await act(at: now) { db in try Self.addTeam(workshopID: workshopID, name: name, by: actor, at: now, in: db) }
    }

    static func addTeam(workshopID: Int64, name: String, by actor: Actor, at now: Date, in db: any SQLContext) throws -> (Team, AuditDraft) {
        let actor = try Self.current(actor, at: now, in: db)
        guard let workshop = try Workshop.byID(workshopID, in: db) else { throw NotFoundError(what: "workshop", key: "\(workshopID)") }
        try SetupPolicy.mayOrganise(actor, enterpriseID: workshop.enterpriseID)
        guard name.nonBlank != nil else { throw InputError.required("name", zh: "班组名称") }
        let team = Team(id: try Self.nextID("team", in: db), workshopID: workshopID, name: name)
        try team.insert(db)
        return (
            team,
            AuditDraft(
                actor: actor,
                action: "team.add",
                objectType: "team",
                objectID: team.id,
                enterpriseID: workshop.enterpriseID,
                summary: name,
                payload: Self.payload(team)
            )
        )
    }

    public func addPost(teamID: Int64, name: String, by actor: Actor, at now: Date) async throws -> Post {
        try await act(at: now) { db in try Self.addPost(teamID: teamID, name: name, by: actor, at: now, in: db) }
    }

    static func addPost(teamID: Int64, name: String, by actor: Actor, at now: Date, in db: any SQLContext) throws -> (Post, AuditDraft) {
        let actor = try Self.current(actor, at: now, in: db)
        guard
            let enterpriseID = try Int64.fetchOne(
                db,
                sql: "SELECT w.enterprise_id FROM team t JOIN workshop w ON w.id = t.workshop_id WHERE t.id = ?",
                arguments: [teamID]
            )
        else {
            throw NotFoundError(what: "team", key: "\(teamID)")
        }
        try SetupPolicy.mayOrganise(actor, enterpriseID: enterpriseID)
        guard name.nonBlank != nil else { throw InputError.required("name", zh: "岗位名称") }
        let post = Post(id: try Self.nextID("post", in: db), teamID: teamID, name: name)
        try post.insert(db)
        return (
            post,
            AuditDraft(
                actor: actor,
                action: "post.add",
                objectType: "post",
                objectID: post.id,
                enterpriseID: enterpriseID,
                summary: name,
                payload: Self.payload(post)
            )
        )
    }

    public func addPerson(_ draft: Person, by actor: Actor, at now: Date) async throws -> Person {
        try await act(at: now) { db in try Self.addPerson(draft, by: actor, at: now, in: db) }
    }

    static func addPerson(_ draft: Person, by actor: Actor, at now: Date, in db: any SQLContext) throws -> (Person, AuditDraft) {
        let actor = try Self.current(actor, at: now, in: db)
        try draft.validate()
        try SetupPolicy.mayAddPerson(actor, person: draft)
        if draft.role == .director, let enterpriseID = draft.enterpriseID {
            try DirectorAppointment.mayAddOwnDirector(
                draft,
                regionalInOffice: try Self.regionalInOffice(enterpriseID, from: now, in: db),
                enterpriseName: try Enterprise.byID(enterpriseID, in: db)?.name ?? "#\(enterpriseID)"
            )
        }
        if let workshopID = draft.workshopID {
            guard let workshop = try Workshop.byID(workshopID, in: db), workshop.enterpriseID == draft.enterpriseID else {
                throw NotFoundError(what: "workshop of this enterprise", key: "\(workshopID)")
            }
        }
        var person = draft
        person.id = try Self.nextID("person", in: db)
        try person.insert(db)
        return (
            person,
            AuditDraft(
                actor: actor,
                action: "person.add",
                objectType: "person",
                objectID: person.id,
                enterpriseID: person.enterpriseID,
                summary: "\(person.name) (\(person.role.rawValue))",
                payload: Self.payload(person)
            )
        )
    }

    // MARK: Scope

    /// The jurisdiction and its ancestors, nearest first.
    static func path(of jurisdictionID: Int64, in db: any SQLContext) throws -> [Int64] {
        var path: [Int64] = []
        var next: Int64? = jurisdictionID
        while let id = next, !path.contains(id) {
            guard let parent = try Lookup.column("SELECT parent_id FROM jurisdiction WHERE id = ?", id, in: db) else {
                throw NotFoundError(what: "jurisdiction", key: "\(id)")
            }
            path.append(id)
            next = parent
        }
        return path
    }

    static func enterprisePath(_ enterpriseID: Int64, in db: any SQLContext) throws -> [Int64] {
        guard let enterprise = try Enterprise.byID(enterpriseID, in: db) else { throw NotFoundError(what: "enterprise", key: "\(enterpriseID)") }
        return try path(of: enterprise.jurisdictionID, in: db)
    }

    /// The jurisdiction path (own node first, up to the root) of each enterprise, in one statement.
    static func enterprisePaths(_ enterpriseIDs: [Int64], in db: any SQLContext) throws -> [Int64: [Int64]] {
        var paths: [Int64: [Int64]] = [:]
        let rows = try Row.fetchAll(
            db,
            sql: """
                WITH RECURSIVE up(enterprise_id, jurisdiction_id, depth) AS (
                    SELECT id, jurisdiction_id, 0 FROM enterprise WHERE id IN (\(db.idSet))
                    UNION ALL
                    SELECT up.enterprise_id, j.parent_id, up.depth + 1 FROM up JOIN jurisdiction AS j ON j.id = up.jurisdiction_id
                    WHERE j.parent_id IS NOT NULL AND up.depth < 64
                )
                SELECT enterprise_id, jurisdiction_id FROM up ORDER BY enterprise_id, depth
                """,
            arguments: [IDSet.json(enterpriseIDs)]
        )
        for row in rows {
            let enterpriseID: Int64 = row["enterprise_id"]
            let node: Int64 = row["jurisdiction_id"]
            // A cycle in the tree (which the schema cannot rule out) ends the path, as `path(of:)` does.
            if paths[enterpriseID]?.contains(node) != true { paths[enterpriseID, default: []].append(node) }
        }
        return paths
    }

    /// `enterprisePaths` of one enterprise, for loading one hazard (every transition does), by point lookups through
    /// prepared statements rather than a recursive query: the same nodes, up to the same depth, a cycle ending the path
    /// in the same place. (Loads of many hazards keep the one recursive statement, however many enterprises.)
    static func onePath(_ enterpriseID: Int64, in db: any SQLContext) throws -> [Int64: [Int64]] {
        guard let place = try Lookup.enterprisePlace(enterpriseID, in: db) else { return [:] }
        var path = [place.jurisdictionID]
        var node = place.jurisdictionID
        for _ in 0..<64 {
            guard case .some(.some(let parent)) = try Lookup.column("SELECT parent_id FROM jurisdiction WHERE id = ?", node, in: db)
            else { break }
            if !path.contains(parent) { path.append(parent) }
            node = parent
        }
        return [enterpriseID: path]
    }

    /// The acting person as the database knows them now: a caller's stale or forged role counts for nothing.
    static func current(_ actor: Actor, at now: Date, in db: any SQLContext) throws -> Actor {
        guard let person = try Self.actor(actor.id, in: db), person.name == actor.name else {
            throw NotFoundError(what: "person", key: "#\(actor.id) \(actor.name)")
        }
        // The role is the stored one, or a regional director's under an appointment still theirs and in office now.
        guard let appointment = actor.appointment else { return person }
        return try Self.acting(person, under: appointment, at: now, in: db)
    }

    /// A person as the rules see them, or `nil` when there is none with that id.
    static func actor(_ id: Int64, in db: any SQLContext) throws -> Actor? {
        // Every action asks, so only the actor's columns are read, through a statement prepared once per connection.
        guard let row = try Lookup.row("SELECT id, name, role, enterprise_id, workshop_id, jurisdiction_id FROM person WHERE id = ?", id, in: db)
        else { return nil }
        return Actor(
            id: try row.decode(atIndex: 0),
            name: try row.decode(atIndex: 1),
            role: try row.decode(atIndex: 2),
            enterpriseID: try row.decode(atIndex: 3),
            workshopID: try row.decode(atIndex: 4),
            jurisdictionID: try row.decode(atIndex: 5)
        )
    }

    static func requireVisible(_ enterpriseID: Int64, to viewer: Viewer, what: String, key: String, in db: any SQLContext) throws {
        guard let visible = viewer.visibleEnterpriseIDs else { return }
        // The SQL is the same for every viewer of a role (the ids are arguments), so it is prepared once per connection.
        guard try Bool.fetchOne(db, "SELECT CAST(\(enterpriseID) AS BIGINT) IN (\(visible))") == true else {
            throw NotFoundError(what: what, key: key)
        }
    }

    /// Every one of the enterprises in the viewer's sight, checked in one statement; the first that is not is reported
    /// as not found, as `requireVisible` does.
    static func requireAllVisible(_ enterpriseIDs: [Int64], to viewer: Viewer, in db: any SQLContext) throws {
        guard let visible = viewer.visibleEnterpriseIDs, !enterpriseIDs.isEmpty else { return }
        let ids = IDSet.json(enterpriseIDs)
        if let hidden = try Int64.fetchOne(
            db,
            "SELECT value FROM (\(sql: db.orderedIDSet, arguments: [ids])) AS wanted WHERE value NOT IN (\(visible)) ORDER BY position LIMIT 1"
        ) {
            throw NotFoundError(what: "enterprise", key: String(hidden))
        }
    }
}

extension Array {
    /// The elements in consecutive slices of at most `size` (the last may be shorter).
    func chunks(of size: Int) -> [ArraySlice<Element>] {
        stride(from: 0, to: count, by: Swift.max(1, size)).map { self[$0..<Swift.min($0 + size, count)] }
    }
}
