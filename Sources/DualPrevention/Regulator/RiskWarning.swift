import Foundation

/// 风险预警 / 专项排查: what a regulator pushes to the enterprises of its jurisdiction (DOMAIN.md §10).
public struct RiskWarning: Sendable, Hashable, Codable, Identifiable {
    public var id: Int64
    /// Per issuing office and year, such as `YJ-2026-0003`.
    public var number: String
    public var kind: WarningKind
    public var title: String
    public var text: String
    public var scope: WarningScope
    /// What each enterprise examines; every item is answered pass or fail.
    public var items: [WarningItem]
    /// The checklist whose risk points the enterprises are asked to import, when one is named.
    public var checklistID: String?
    public var issuedBy: Int64
    /// The issuing office: it and the offices above it follow every task.
    public var jurisdictionID: Int64
    public var issuedAt: Date
    public var deadline: Date

    public init(
        id: Int64,
        number: String,
        kind: WarningKind,
        title: String,
        text: String,
        scope: WarningScope,
        items: [WarningItem],
        checklistID: String?,
        issuedBy: Int64,
        jurisdictionID: Int64,
        issuedAt: Date,
        deadline: Date
    ) {
        self.id = id
        self.number = number
        self.kind = kind
        self.title = title
        self.text = text
        self.scope = scope
        self.items = items
        self.checklistID = checklistID
        self.issuedBy = issuedBy
        self.jurisdictionID = jurisdictionID
        self.issuedAt = issuedAt
        self.deadline = deadline
    }
}

public enum WarningKind: String, Sendable, Codable, CaseIterable, Labelled {
    case warning, investigation

    public var label: Text {
        switch self {
        case .warning: Text("riskWarning.riskWarning")
        case .investigation: Text("riskWarning.specialInvestigation")
        }
    }
}

/// Who receives a warning: every enterprise of the issuer's jurisdiction that makes a category, or a named set.
public enum WarningScope: Sendable, Hashable, Codable {
    case category(String)
    case enterprises([Int64])
}

/// One thing to examine: a check item of the enterprise's own, a risk point of a checklist, or free text.
public struct WarningItem: Sendable, Hashable, Codable {
    public var ref: String
    public var text: String

    public init(ref: String, text: String) {
        self.ref = ref
        self.text = text
    }
}

/// What the regulator supplies; the number comes from the store's counter, the deadline defaults from the rules.
public struct WarningDraft: Sendable, Hashable {
    public var number: String
    public var kind: WarningKind
    public var title: String
    public var text: String
    public var scope: WarningScope
    public var items: [WarningItem]
    public var checklistID: String?
    public var deadline: Date?

    public init(
        number: String,
        kind: WarningKind = .warning,
        title: String,
        text: String,
        scope: WarningScope,
        items: [WarningItem],
        checklistID: String? = nil,
        deadline: Date? = nil
    ) {
        self.number = number
        self.kind = kind
        self.title = title
        self.text = text
        self.scope = scope
        self.items = items
        self.checklistID = checklistID
        self.deadline = deadline
    }
}

/// An enterprise as the scope of a warning sees it.
public struct ScopeCandidate: Sendable, Hashable {
    public var enterpriseID: Int64
    public var jurisdictionPath: [Int64]
    public var productCategory: String

    public init(enterpriseID: Int64, jurisdictionPath: [Int64], productCategory: String) {
        self.enterpriseID = enterpriseID
        self.jurisdictionPath = jurisdictionPath
        self.productCategory = productCategory
    }
}

extension RiskWarning {
    /// Issues a warning: a regulator, with text, at least one item with distinct refs, a deadline after now
    /// (`rules.warningDeadlineDays` local days when none is given), and a scope that names someone. Returns the warning
    /// and a task for each enterprise in scope: of the issuer's jurisdiction and, for a category, making it.
    public static func issue(
        _ draft: WarningDraft,
        candidates: [ScopeCandidate],
        by actor: Actor,
        at now: Date,
        rules: EscalationRules,
        time: LocalTime
    ) throws(Refusal) -> (RiskWarning, [WarningTask]) {
        guard actor.role == .regulator, let office = actor.jurisdictionID else { throw Refusal(.notRegulatorOfJurisdiction) }
        // Refs and the category as people meant them: "B1 " is B1.
        var draft = draft
        draft.items = draft.items.map { WarningItem(ref: $0.ref.trimmingCharacters(in: .whitespacesAndNewlines), text: $0.text) }
        if case .category(let category) = draft.scope { draft.scope = .category(category.trimmingCharacters(in: .whitespacesAndNewlines)) }
        try Refusal.Reason.requireText(draft.title, "title", zh: "标题")
        try Refusal.Reason.requireText(draft.text, "text", zh: "预警内容")
        guard !draft.items.isEmpty else {
            throw Refusal.warning("WARNING-ITEMS", zh: "预警须列出至少一项排查内容", en: "a warning lists at least one item to examine")
        }
        for item in draft.items { try Refusal.Reason.requireText(item.text, "item \(item.ref)", zh: "排查项 \(item.ref)") }
        let refs = draft.items.map(\.ref)
        guard Set(refs).count == refs.count, !refs.contains(where: \.isEmpty) else {
            throw Refusal.warning("WARNING-ITEM-REFS", zh: "排查项编号须各不相同且非空", en: "item refs must be distinct and not empty")
        }
        let deadline = draft.deadline ?? time.startOfDay(now).addingTimeInterval(Double(rules.warningDeadlineDays + 1) * 86_400)
        guard deadline > now else { throw Refusal(.deadlineNotInFuture) }
        let inSight = candidates.filter { $0.jurisdictionPath.contains(office) }
        let chosen: [ScopeCandidate]
        switch draft.scope {
        case .category(let category):
            try Refusal.Reason.requireText(category, "category", zh: "产品类别")
            chosen = inSight.filter { $0.productCategory == category }
        case .enterprises(let ids):
            let wanted = Set(ids)
            chosen = inSight.filter { wanted.contains($0.enterpriseID) }
            guard chosen.count == wanted.count else {
                throw Refusal.warning(
                    "WARNING-SCOPE-JURISDICTION",
                    zh: "所选企业须在本辖区内",
                    en: "every chosen enterprise must be in the issuer's jurisdiction"
                )
            }
        }
        guard !chosen.isEmpty else {
            throw Refusal.warning("WARNING-SCOPE-EMPTY", zh: "辖区内没有符合范围的企业", en: "no enterprise of the jurisdiction is in scope")
        }
        let warning = RiskWarning(
            id: 0,
            number: draft.number,
            kind: draft.kind,
            title: draft.title,
            text: draft.text,
            scope: draft.scope,
            items: draft.items,
            checklistID: draft.checklistID,
            issuedBy: actor.id,
            jurisdictionID: office,
            issuedAt: now,
            deadline: deadline
        )
        let tasks = chosen.sorted { $0.enterpriseID < $1.enterpriseID }.map {
            WarningTask(warningID: 0, enterpriseID: $0.enterpriseID, jurisdictionPath: $0.jurisdictionPath, deadline: deadline)
        }
        return (warning, tasks)
    }
}

extension Refusal {
    /// A refusal by a rule of the regulator's side (warnings, inspections), with its own code and wording.
    static func warning(_ code: String, zh: String, en: String) -> Refusal {
        Refusal(.rule(code: code, message: Text(zh: zh, en: en)))
    }
}

extension RiskWarning {
    /// The warning as a person sees it: to an enterprise's people a named set lists their own enterprise only, not
    /// the others the regulator chose.
    public func seen(by actor: Actor) -> RiskWarning {
        guard actor.role.isEnterpriseRole, case .enterprises(let ids) = scope else { return self }
        var warning = self
        warning.scope = .enterprises(ids.filter { $0 == actor.enterpriseID })
        return warning
    }
}

extension WarningItem {
    /// One item per risk point of a checklist: its code, its name and what its check items verify.
    public static func from(_ checklist: Checklist) -> [WarningItem] {
        checklist.riskPoints.map { WarningItem(ref: $0.code, text: "\($0.name)：\($0.checkItems.map(\.item).joined(separator: "；"))") }
    }
}
