import Crypto
import DualPrevention
import Foundation

/// A login token as a store keeps it: its SHA-256, hex. The token itself is never stored.
public enum SessionToken {
    public static func hash(_ token: String) -> String { Hex.encode(SHA256.hash(data: Array(token.utf8))) }
}

/// Logins in this process's memory: for a database that cannot be written (a read-only copy being looked at) and for
/// tests of the session rules. A restart logs everyone out.
public actor MemorySessionStorage: SessionStorage {
    private var sessions: [String: SessionGrant] = [:]
    private var failures: [String: [Date]] = [:]

    public init() {}

    public func saveSession(token: String, _ grant: SessionGrant) { sessions[SessionToken.hash(token)] = grant }
    public func session(token: String) -> SessionGrant? { sessions[SessionToken.hash(token)] }
    public func touchSession(token: String, at now: Date) { sessions[SessionToken.hash(token)]?.lastUsedAt = now }
    public func deleteSession(token: String) { sessions[SessionToken.hash(token)] = nil }
    public func deleteSessions(openedBefore: Date) { sessions = sessions.filter { $0.value.openedAt >= openedBefore } }

    public func recordLoginFailure(_ key: String, at now: Date, forgetBefore: Date) {
        // Random names must not grow the table without end: past a bound, old failures are forgotten.
        if failures.count > 10_000 {
            failures = failures.compactMapValues { dates in
                let kept = dates.filter { $0 >= forgetBefore }
                return kept.isEmpty ? nil : kept
            }
        }
        failures[key, default: []].append(now)
    }

    public func loginFailures(_ key: String, since: Date) -> Int { (failures[key] ?? []).filter { $0 >= since }.count }
    public func clearLoginFailures(_ keys: [String]) { for key in keys { failures[key] = nil } }
}
