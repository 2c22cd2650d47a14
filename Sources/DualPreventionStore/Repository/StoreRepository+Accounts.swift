import DualPrevention
import Foundation
import GRDB

extension StoreRepository {
    public func setPassword(personID: Int64, passwordHash: String, by actor: Actor, at now: Date) async throws -> Account {
        try await act(at: now) { db in try Self.setPassword(personID: personID, passwordHash: passwordHash, by: actor, at: now, in: db) }
    }

    static func setPassword(
        personID: Int64,
        passwordHash: String,
        by actor: Actor,
        at now: Date,
        in db: any SQLContext
    ) throws -> (Account, AuditDraft) {
        let actor = try Self.current(actor, at: now, in: db)
        try AccountPolicy.maySetPassword(actor, of: personID)
        guard let person = try Person.byID(personID, in: db) else { throw NotFoundError(what: "person", key: "#\(personID)") }
        let existing = try Self.account(of: personID, in: db)
        let account = try Account.settingPassword(passwordHash, of: personID, existing: existing, by: actor, at: now)
        // A director whose account comes back is in office again: not beside a regional one (DOMAIN.md §13).
        if existing?.isEnabled == false, let enterpriseID = person.enterpriseID {
            try DirectorAppointment.mayAddOwnDirector(
                person,
                regionalInOffice: try Self.regionalInOffice(enterpriseID, from: now, in: db),
                enterpriseName: try Enterprise.byID(enterpriseID, in: db)?.name ?? "#\(enterpriseID)"
            )
        }
        if existing == nil { try account.insert(db) } else { try account.update(db, key: ["person_id"]) }
        // The hash stays out of the log: the entry says who set whose password, and when.
        struct Logged: Encodable {
            var personID: Int64
            var changedAt: Date
            var first: Bool
        }
        return (
            account,
            AuditDraft(
                actor: actor,
                action: existing == nil ? "account.add" : "account.password",
                objectType: "account",
                objectID: personID,
                enterpriseID: person.enterpriseID,
                summary: person.name,
                payload: Self.payload(Logged(personID: personID, changedAt: now, first: existing == nil))
            )
        )
    }

    public func disableAccount(personID: Int64, by actor: Actor, at now: Date) async throws -> Account {
        try await act(at: now) { db in
            let actor = try Self.current(actor, at: now, in: db)
            try AccountPolicy.mayDisable(actor, personID)
            guard var account = try Self.account(of: personID, in: db), let person = try Person.byID(personID, in: db) else {
                throw NotFoundError(what: "account", key: "#\(personID)")
            }
            try account.disable(by: actor, at: now)
            try account.update(db, key: ["person_id"])
            return (
                account,
                AuditDraft(
                    actor: actor,
                    action: "account.disable",
                    objectType: "account",
                    objectID: personID,
                    enterpriseID: person.enterpriseID,
                    summary: person.name,
                    payload: Self.payload(["personID": personID])
                )
            )
        }
    }

    public func login(_ key: String) async throws -> (Person, Account)? {
        let person = try? await self.person(key)
        guard let person else { return nil }
        return try await read { db in try Self.account(of: person.id, in: db).map { (person, $0) } }
    }

    /// A person's account, by its key `person_id` (an account has no `id` of its own, so `byID` does not serve).
    static func account(of personID: Int64, in db: any SQLContext) throws -> Account? {
        try Account.fetchOne(db, sql: "SELECT * FROM account WHERE person_id = ?", arguments: [personID])
    }
}
