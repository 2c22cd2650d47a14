import Foundation

/// Why an action failed, so each front end maps it once: an exit code in the CLI, a status in HTTP.
public enum FailureKind: String, Sendable, Codable {
    /// A rule of the mechanism forbids the action (state, role, separation of duties, deadline).
    case refusedByRule
    /// The input itself is wrong (bad code, value outside a table, missing field).
    case badInput
    /// The named object does not exist, or is not visible to the caller.
    case notFound
    /// The store or the file system failed.
    case io
    /// The store cannot take changes: the database or its disk is read-only, or the disk is full. Reads still work.
    case cannotWrite
    /// Other writers held the store for longer than this one would wait; trying again later succeeds.
    case busy
}

/// Every error a user can meet carries its kind, a stable rule code, a message and what to do instead.
public protocol DualPreventionError: Error, Sendable {
    var kind: FailureKind { get }
    /// A stable identifier of the rule or check, e.g. `HZ-SEPARATION-OF-DUTIES`.
    var rule: String { get }
    var message: Text { get }
    /// What would be allowed or what to type instead; empty when nothing applies.
    var hint: Text? { get }
}

/// An input check that failed, for plain validation outside the state machines.
public struct InputError: DualPreventionError, Equatable {
    public let rule: String
    public let message: Text
    public let hint: Text?
    public var kind: FailureKind { .badInput }

    public init(rule: String, message: Text, hint: Text? = nil) {
        self.rule = rule
        self.message = message
        self.hint = hint
    }

    public static func required(_ field: String, zh: String) -> InputError {
        InputError(
            rule: "INPUT-REQUIRED",
            message: Text(zh: "\(zh)不能为空", en: "\(field) must not be empty"),
            hint: Text(zh: "请填写\(zh)", en: "give a value for \(field)")
        )
    }
}

/// An object that was looked up and is not there (or not in the caller's reach).
public struct NotFoundError: DualPreventionError, Equatable {
    public let what: String
    public let key: String
    public var kind: FailureKind { .notFound }
    public var rule: String { "NOT-FOUND" }
    public var message: Text { Text(zh: "找不到\(Self.chinese[what] ?? what)：\(key)", en: "no \(what) \(key)") }

    static let chinese = [
        "hazard": "隐患", "person": "人员", "enterprise": "企业", "risk point": "风险点", "workshop": "车间", "team": "班组",
        "post": "岗位", "jurisdiction": "辖区", "workshop of this enterprise": "本企业的车间", "team of this workshop": "本车间的班组",
        "post of this team": "本班组的岗位", "owner in this enterprise": "本企业的责任人", "risk point of this enterprise": "本企业的风险点",
        "rectification notice": "整改通知单", "rectification submission": "整改验收申请", "check plan": "检查计划", "evidence": "证据",
        "credit grade": "信用等级", "assessment assignment": "评估指派", "check record": "检查记录", "stored credit grade": "存档的信用等级",
    ]
    public var hint: Text? { Text("dualPreventionError.listThemSeeExisting") }

    public init(what: String, key: String) {
        self.what = what
        self.key = key
    }
}

extension String {
    /// Trimmed text, or nil when nothing but whitespace is left.
    public var nonBlank: String? {
        let trimmed = trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.isEmpty ? nil : trimmed
    }
}
