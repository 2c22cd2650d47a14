import Foundation
import Testing

@testable import DualPrevention

/// When a login stands: the account, its password, the idle and the absolute limits.
@Suite("Session rules")
struct SessionRulesTests {
    static let t0 = Date(timeIntervalSince1970: 1_790_000_000)
    static let hour: TimeInterval = 3_600
    static let day: TimeInterval = 86_400
    static let hash = "$2b$12$abcdefghijklmnopqrstuv" + String(repeating: "x", count: 31)
    static let newHash = "$2b$12$ABCDEFGHIJKLMNOPQRSTUV" + String(repeating: "x", count: 31)

    static func account(_ hash: String = hash, disabled: Bool = false) -> Account {
        Account(personID: 7, passwordHash: hash, changedAt: t0, disabledAt: disabled ? t0 : nil)
    }

    static let grant = SessionGrant(personID: 7, openedAt: t0, lastUsedAt: t0, credential: SessionRules.credential(of: account()))

    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var lastUsed: TimeInterval
        var now: TimeInterval
        var account: Account?
        var end: SessionRules.End?
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "fresh", lastUsed: 0, now: hour, account: account(), end: nil),
        Case(name: "just under idle", lastUsed: 0, now: 8 * hour - 1, account: account(), end: nil),
        Case(name: "idle exactly", lastUsed: 0, now: 8 * hour, account: account(), end: .idle),
        Case(name: "busy, day six", lastUsed: 6 * day, now: 6 * day + hour, account: account(), end: nil),
        Case(name: "busy, a second before a week", lastUsed: 7 * day - hour, now: 7 * day - 1, account: account(), end: nil),
        Case(name: "busy, a week exactly", lastUsed: 7 * day - hour, now: 7 * day, account: account(), end: .expired),
        Case(name: "password set since", lastUsed: 0, now: hour, account: account(newHash), end: .passwordChanged),
        Case(
            name: "password set since, the same salt prefix of another cost",
            lastUsed: 0,
            now: hour,
            account: account("$2b$10$abcdefghijklmnopqrstuv" + String(repeating: "x", count: 31)),
            end: .passwordChanged
        ),
        Case(name: "disabled", lastUsed: 0, now: hour, account: account(disabled: true), end: .accountDisabled),
        Case(name: "no account", lastUsed: 0, now: hour, account: nil, end: .accountDisabled),
        Case(
            name: "someone else's account",
            lastUsed: 0,
            now: hour,
            account: Account(personID: 8, passwordHash: hash, changedAt: t0),
            end: .accountDisabled
        ),
    ]

    @Test(arguments: cases) func loginStandsOrEnds(_ c: Case) {
        var grant = Self.grant
        grant.lastUsedAt = Self.t0.addingTimeInterval(c.lastUsed)
        #expect(SessionRules.end(of: grant, account: c.account, at: Self.t0.addingTimeInterval(c.now), limits: .default) == c.end)
    }

    @Test func limitsAreConfigurable() {
        let short = SessionLimits(idle: Self.hour, absolute: 2 * Self.hour)
        #expect(SessionRules.lapse(of: Self.grant, at: Self.t0.addingTimeInterval(Self.hour), limits: short) == .idle)
        var used = Self.grant
        used.lastUsedAt = Self.t0.addingTimeInterval(1.5 * Self.hour)
        #expect(SessionRules.lapse(of: used, at: Self.t0.addingTimeInterval(2 * Self.hour), limits: short) == .expired)
        #expect(SessionLimits.default == SessionLimits(idle: 8 * Self.hour, absolute: 7 * Self.day))
    }

}
