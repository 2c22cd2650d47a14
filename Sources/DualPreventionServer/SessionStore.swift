import Foundation

/// Sessions in memory: a random token per login, idle for at most `lifetime`; and a count of failed logins per
/// name, so that guessing is throttled. A restart logs everyone out, which is the safe way round.
public actor SessionStore {
    public let lifetime: TimeInterval
    public let maxFailures: Int
    public let failureWindow: TimeInterval
    private var sessions: [String: (personID: Int64, expires: Date)] = [:]
    private var failures: [String: [Date]] = [:]

    public init(lifetime: TimeInterval = 8 * 3_600, maxFailures: Int = 5, failureWindow: TimeInterval = 15 * 60) {
        self.lifetime = lifetime
        self.maxFailures = maxFailures
        self.failureWindow = failureWindow
    }

    /// A new session for a person: 32 random bytes, hex.
    public func open(personID: Int64, at now: Date) -> String {
        let token = randomToken()
        sessions[token] = (personID, now.addingTimeInterval(lifetime))
        return token
    }

    /// The person of a live session, which is extended by use.
    public func person(for token: String, at now: Date) -> Int64? {
        guard let session = sessions[token] else { return nil }
        guard session.expires > now else {
            sessions[token] = nil
            return nil
        }
        sessions[token] = (session.personID, now.addingTimeInterval(lifetime))
        return session.personID
    }

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
