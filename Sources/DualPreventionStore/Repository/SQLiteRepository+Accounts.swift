import DualPrevention
import Foundation
import GRDB

extension SQLiteRepository {
    public func setPassword(personID: Int64, passwordHash: String, by actor: Actor, at now: Date) async throws -> Account {
        try await act(at: now) { db in try Self.setPassword(personID: personID, passwordHash: passwordHash, by: actor, at: now, in: db) }
    }

    static func setPassword(personID: Int64, passwordHash: String, by actor: Actor, at now: Date, in db: Database) throws -> (Account, AuditDraft) {
        let actor = try Self.current(actor, in: db)
        try AccountPolicy.maySetPassword(actor, of: personID)
        guard let person = try Person.byID(personID, in: db) else { throw NotFoundError(what: "person", key: "#\(personID)") }
        let existing = try Account.fetchOne(db, key: personID)
        let account = try Account.settingPassword(passwordHash, of: personID, existing: existing, by: actor, at: now)
        try account.save(db)
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
            let actor = try Self.current(actor, in: db)
            try AccountPolicy.mayDisable(actor, personID)
            guard var account = try Account.fetchOne(db, key: personID), let person = try Person.byID(personID, in: db) else {
                throw NotFoundError(what: "account", key: "#\(personID)")
            }
            try account.disable(by: actor, at: now)
            try account.update(db)
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
        return try await read { db in try Account.fetchOne(db, key: person.id).map { (person, $0) } }
    }
}
