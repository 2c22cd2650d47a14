import DualPrevention
import Foundation
import Hummingbird

/// Sessions in memory: a random token per login, with what `SessionRules` judge it by; and a count of failed logins
/// per name, so that guessing is throttled. A restart logs everyone out, which is the safe way round.
public actor SessionStore {
    public let limits: SessionLimits
    public let maxFailures: Int
    public let failureWindow: TimeInterval
    private var sessions: [String: SessionGrant] = [:]
    private var failures: [String: [Date]] = [:]

    /// Whether the session cookie is `Secure`: when the server is reached over TLS (`serve --public-url https://…`).
    public let secureCookies: Bool

    public init(limits: SessionLimits = .default, secureCookies: Bool = false, maxFailures: Int = 5, failureWindow: TimeInterval = 15 * 60) {
        self.limits = limits
        self.secureCookies = secureCookies
        self.maxFailures = maxFailures
        self.failureWindow = failureWindow
    }

    /// A new session for a person, made with their current password: 32 random bytes, hex.
    public func open(_ account: Account, at now: Date) -> String {
        // Logins nobody came back for must not grow the table without end.
        if sessions.count >= 1_000 {
            sessions = sessions.filter { SessionRules.lapse(of: $0.value, at: now, limits: limits) == nil }
        }
        let token = randomToken()
        sessions[token] = SessionGrant(personID: account.personID, openedAt: now, lastUsedAt: now, credential: SessionRules.credential(of: account))
        return token
    }

    /// Opens a session and returns its cookie, kept by the browser as long as the login may last at most.
    public func cookie(for account: Account, at now: Date) -> Cookie {
        cookie(value: open(account, at: now), maxAge: Int(limits.absolute))
    }

    /// The session cookie: for scripts never, for other sites never, over plain HTTP only when not served over TLS.
    public nonisolated func cookie(value: String, maxAge: Int) -> Cookie {
        Cookie(name: SessionMiddleware.cookie, value: value, maxAge: maxAge, path: "/", secure: secureCookies, httpOnly: true, sameSite: .strict)
    }

    /// The login behind a token, if any; whether it still stands is for `SessionRules` to say.
    public func grant(for token: String) -> SessionGrant? { sessions[token] }

    /// Records a use of a login that stands.
    public func touch(_ token: String, at now: Date) { sessions[token]?.lastUsedAt = now }

    public func close(_ token: String) { sessions[token] = nil }

    /// Closes every session of a person (their account was disabled or their password changed).
    public func closeAll(of personID: Int64) { sessions = sessions.filter { $0.value.personID != personID } }

    /// Whether a login name has failed too often lately.
    public func isThrottled(_ login: String, at now: Date) -> Bool {
        let recent = (failures[login] ?? []).filter { now.timeIntervalSince($0) < failureWindow }
        failures[login] = recent
        return recent.count >= maxFailures
    }

    public func recordFailure(_ login: String, at now: Date) {
        failures[login, default: []].append(now)
        // Random names must not grow the table without end: past a bound, forget failures older than the window.
        if failures.count > 10_000 {
            failures = failures.compactMapValues { dates in
                let recent = dates.filter { now.timeIntervalSince($0) < failureWindow }
                return recent.isEmpty ? nil : recent
            }
        }
    }
    public func clearFailures(_ login: String) { failures[login] = nil }
}
