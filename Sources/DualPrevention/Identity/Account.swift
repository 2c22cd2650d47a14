import Foundation

/// A person's login: a bcrypt hash of the password (hashed outside the domain), when it was set, and whether the
/// account is disabled. One account per named person, so every action stays under a real name.
public struct Account: Sendable, Hashable, Codable {
    public var personID: Int64
    public var passwordHash: String
    public var changedAt: Date
    public var disabledAt: Date?

    public init(personID: Int64, passwordHash: String, changedAt: Date, disabledAt: Date? = nil) {
        self.personID = personID
        self.passwordHash = passwordHash
        self.changedAt = changedAt
        self.disabledAt = disabledAt
    }

    public var isEnabled: Bool { disabledAt == nil }
}

/// Who manages accounts, and what a password must be.
public enum AccountPolicy {
    public static let minimumLength = 10

    /// An administrator sets anyone's password; a person sets their own.
    public static func maySetPassword(_ actor: Actor, of personID: Int64) throws(Refusal) {
        guard actor.role == .admin || actor.id == personID else {
            throw Refusal(
                .rule(
                    code: "ACCOUNT-ADMIN",
                    message: Text("account.onlyAdministratorSetsAnother")
                )
            )
        }
    }

    /// Only an administrator disables an account, and never their own (someone must be left to manage accounts).
    public static func mayDisable(_ actor: Actor, _ personID: Int64) throws(Refusal) {
        guard actor.role == .admin, actor.id != personID else {
            throw Refusal(
                .rule(
                    code: "ACCOUNT-ADMIN",
                    message: Text("account.onlyAdministratorDisablesAccount")
                )
            )
        }
    }

    /// At least ten characters, not the person's name, not one character repeated.
    public static func check(_ password: String, for person: Person) throws(InputError) {
        guard password.count >= minimumLength else {
            throw InputError(
                rule: "PASSWORD-LENGTH",
                message: Text("account.passwordHasAtLeast", "\(minimumLength)"),
                hint: Text("account.usePhraseYouCan")
            )
        }
        guard password.lowercased() != person.name.lowercased(), Set(password).count > 1 else {
            throw InputError(
                rule: "PASSWORD-WEAK",
                message: Text("account.passwordTooEasyGuess"),
                hint: Text("account.doNotUseYour")
            )
        }
    }
}

extension Account {
    /// Decides a new password: who may set it (an administrator, or the person), and not on a disabled account
    /// unless an administrator sets it, which enables the account again. Returns the account to save.
    public static func settingPassword(
        _ hash: String,
        of personID: Int64,
        existing: Account?,
        by actor: Actor,
        at now: Date
    ) throws(Refusal) -> Account {
        try AccountPolicy.maySetPassword(actor, of: personID)
        if existing?.isEnabled == false, actor.role != .admin {
            throw Refusal(.rule(code: "ACCOUNT-DISABLED", message: Text("account.accountDisabled")))
        }
        return Account(personID: personID, passwordHash: hash, changedAt: now)
    }

    /// An administrator disables an enabled account (never their own); it is kept, never deleted.
    public mutating func disable(by actor: Actor, at now: Date) throws(Refusal) {
        try AccountPolicy.mayDisable(actor, personID)
        guard isEnabled else { throw Refusal(.rule(code: "ACCOUNT-DISABLED", message: Text("account.accountAlreadyDisabled"))) }
        disabledAt = now
    }
}
