import Foundation

/// How long a login lasts: idle for at most `idle`, and never past `absolute` from the login however busy.
public struct SessionLimits: Sendable, Hashable {
    public var idle: TimeInterval
    public var absolute: TimeInterval

    public init(idle: TimeInterval = 8 * 3_600, absolute: TimeInterval = 7 * 86_400) {
        self.idle = idle
        self.absolute = absolute
    }

    public static let `default` = SessionLimits()
}

/// What a server holds of one login: whose, when it began, when it was last used, and which password it was made
/// with (`SessionRules.credential(of:)`).
public struct SessionGrant: Sendable, Hashable {
    public var personID: Int64
    public var openedAt: Date
    public var lastUsedAt: Date
    public var credential: String

    public init(personID: Int64, openedAt: Date, lastUsedAt: Date, credential: String) {
        self.personID = personID
        self.openedAt = openedAt
        self.lastUsedAt = lastUsedAt
        self.credential = credential
    }
}

/// Whether a login still stands at a request.
public enum SessionRules {
    public enum End: String, Sendable, Hashable {
        /// Unused for longer than the idle limit.
        case idle
        /// Older than the absolute limit.
        case expired
        /// The password was set (changed or reset) since the login.
        case passwordChanged
        /// The account was disabled, or is gone.
        case accountDisabled
    }

    /// Which password a login was made with, without keeping the password's hash: a bcrypt hash begins with its
    /// cost and a salt drawn afresh each time a password is set, so a new password (even the same one again) gives
    /// a new credential. The salt is not a secret.
    public static func credential(of account: Account) -> String {
        String(account.passwordHash.prefix(29))
    }

    /// Nil while the login stands (the server then records `now` as its last use), else why it ended.
    public static func end(of grant: SessionGrant, account: Account?, at now: Date, limits: SessionLimits) -> End? {
        guard let account, account.personID == grant.personID, account.isEnabled else { return .accountDisabled }
        if credential(of: account) != grant.credential { return .passwordChanged }
        return lapse(of: grant, at: now, limits: limits)
    }

    /// Whether a login has run out of time, whatever became of its account (a server forgets such logins).
    public static func lapse(of grant: SessionGrant, at now: Date, limits: SessionLimits) -> End? {
        if now >= grant.openedAt.addingTimeInterval(limits.absolute) { return .expired }
        if now >= grant.lastUsedAt.addingTimeInterval(limits.idle) { return .idle }
        return nil
    }
}
