import DualPrevention
import DualPreventionStore
import Foundation
import Hummingbird

/// Logins: a random token per login, kept by the store (`SessionStorage`: the database, so that every server process
/// of a deployment shares them), with what `SessionRules` judge it by; and failed logins per name, so that guessing
/// is throttled across every process.
public struct SessionStore: Sendable {
    public let limits: SessionLimits
    public let maxFailures: Int
    public let failureWindow: TimeInterval
    let storage: any SessionStorage

    /// Whether the session cookie is `Secure`: when the server is reached over TLS (`serve --public-url https://…`).
    public let secureCookies: Bool

    /// A login's last use is written at most this often: a page view is not a write. The idle limit is hours.
    static let touchInterval: TimeInterval = 60

    public init(
        storage: any SessionStorage = MemorySessionStorage(),
        limits: SessionLimits = .default,
        secureCookies: Bool = false,
        maxFailures: Int = 5,
        failureWindow: TimeInterval = 15 * 60
    ) {
        self.storage = storage
        self.limits = limits
        self.secureCookies = secureCookies
        self.maxFailures = maxFailures
        self.failureWindow = failureWindow
    }

    /// A new session for a person, made with their current password: 32 random bytes, hex.
    public func open(_ account: Account, at now: Date) async throws -> String {
        // Logins nobody came back for must not grow the table without end: those past any lifetime go.
        try await storage.deleteSessions(openedBefore: now.addingTimeInterval(-limits.absolute))
        let token = randomToken()
        let grant = SessionGrant(personID: account.personID, openedAt: now, lastUsedAt: now, credential: SessionRules.credential(of: account))
        try await storage.saveSession(token: token, grant)
        return token
    }

    /// Opens a session and returns its cookie, kept by the browser as long as the login may last at most.
    public func cookie(for account: Account, at now: Date) async throws -> Cookie {
        cookie(value: try await open(account, at: now), maxAge: Int(limits.absolute))
    }

    /// The session cookie: for scripts never, for other sites never, over plain HTTP only when not served over TLS.
    public func cookie(value: String, maxAge: Int) -> Cookie {
        Cookie(name: SessionMiddleware.cookie, value: value, maxAge: maxAge, path: "/", secure: secureCookies, httpOnly: true, sameSite: .strict)
    }

    /// The login behind a token, if any; whether it still stands is for `SessionRules` to say.
    public func grant(for token: String) async throws -> SessionGrant? { try await storage.session(token: token) }

    /// Records a use of a login that stands (at most once a `touchInterval`).
    public func touch(_ token: String, grant: SessionGrant, at now: Date) async throws {
        guard now.timeIntervalSince(grant.lastUsedAt) >= Self.touchInterval else { return }
        try await storage.touchSession(token: token, at: now)
    }

    public func close(_ token: String) async throws { try await storage.deleteSession(token: token) }

    /// Whether a login name has failed too often lately.
    public func isThrottled(_ login: String, at now: Date) async throws -> Bool {
        try await storage.loginFailures(login, since: now.addingTimeInterval(-failureWindow)) >= maxFailures
    }

    public func recordFailure(_ login: String, at now: Date) async throws {
        try await storage.recordLoginFailure(login, at: now, forgetBefore: now.addingTimeInterval(-failureWindow))
    }

    public func clearFailures(_ logins: String...) async throws { try await storage.clearLoginFailures(logins) }
}
