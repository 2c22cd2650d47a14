import Foundation

/// The measured values credit rules may score, each computed from the records (never typed in).
/// A rules file may name only these; the store computes them for an enterprise as of a date.
public enum CreditMetric {
    public static let catalog: [String: Text] = [
        "innovation.rndShare": Text(zh: "研发投入占营业收入比例", en: "R&D spending as a share of revenue"),
        "innovation.patents": Text(zh: "有效发明专利数", en: "valid invention patents"),
        "management.systemCertified": Text(zh: "质量管理体系认证有效（1/0）", en: "quality management system certified (1/0)"),
        "management.staffAppointed": Text(zh: "已配备质量安全总监和质量安全员（1/0）", en: "director and officers appointed (1/0)"),
        "management.trainingShare": Text(zh: "质量培训覆盖率", en: "share of staff trained on quality"),
        "standards.declared": Text(zh: "企业标准已自我声明公开（1/0）", en: "enterprise standards declared publicly (1/0)"),
        "standards.drafted": Text(zh: "主导或参与制修订的国家、行业标准数", en: "national or industry standards drafted"),
        "metrology.calibratedShare": Text(zh: "计量器具检定/校准有效率", en: "share of instruments within calibration"),
        "metrology.measurementSystem": Text(zh: "测量管理体系有效（1/0）", en: "measurement management system in place (1/0)"),
        "certification.valid": Text(zh: "产品认证（含强制性认证）有效（1/0）", en: "product certification valid (1/0)"),
        "certification.suspensions": Text(zh: "认证暂停或撤销次数", en: "certificates suspended or withdrawn"),
        "licensing.valid": Text(zh: "生产许可证在有效期内（1/0）", en: "production licence valid (1/0)"),
        "dualPrevention.closedLoopRate": Text(zh: "隐患闭环率（已闭环/已发现）", en: "closed-loop rate (closed / found)"),
        "dualPrevention.onTimeRate": Text(zh: "按期整改率", en: "share of hazards closed on time"),
        "dualPrevention.missedChecks": Text(zh: "日管控、周排查、月调度漏检次数", en: "missed daily, weekly and monthly checks"),
        "dualPrevention.overdueOrListedMajor": Text(zh: "逾期或挂牌督办的重大隐患数", en: "major hazards overdue or listed for supervision"),
        "dualPrevention.gradedOnTimeShare": Text(zh: "风险点已评级且按时复评的比例", en: "share of risk points graded and re-graded on time"),
        "dualPrevention.repeatHazards": Text(zh: "同一风险点重复发生的隐患数", en: "repeat hazards on the same risk point"),
        "dualPrevention.warningsMissed": Text(
            zh: "风险预警、专项排查逾期未答复次数",
            en: "regulators' warnings not answered by their deadline"
        ),
        "spotChecks.passRate": Text(zh: "监督抽查合格率（无抽查计为1）", en: "supervisory spot-check pass rate (1 when none)"),
        "spotChecks.safetyFailures": Text(zh: "安全或关键指标不合格的抽查批次", en: "spot checks failed on a safety or key indicator"),
        "violations.general": Text(zh: "一般质量违法行为数", en: "general quality violations"),
        "complaints.substantiated": Text(zh: "经查实的消费者投诉数", en: "substantiated consumer complaints"),
        "injuries.count": Text(zh: "产品质量伤害事件数", en: "product quality injuries"),
        "awards.provincial": Text(zh: "省级及以上政府质量奖数", en: "provincial or national government quality awards"),
        "awards.municipal": Text(zh: "市级质量奖及名牌数", en: "municipal quality awards and famous brands"),
        "veto.unlicensedProduction": Text(zh: "无证生产行为", en: "production without a licence"),
        "veto.recallNotDone": Text(zh: "未履行缺陷产品召回责任", en: "a defective-product recall due and not done"),
        "veto.majorAccident": Text(zh: "重大质量事故", en: "a major quality accident"),
        "veto.majorViolation": Text(zh: "重大质量违法行为", en: "a major quality violation"),
        "veto.falseCertification": Text(zh: "虚假认证", en: "false certification"),
        "veto.jointPunishment": Text(zh: "列入联合惩戒“黑名单”", en: "on the joint-punishment blacklist"),
    ]

    /// Veto behaviours the records establish; a region may add its own as `veto.<code>`, recorded as veto records.
    public static let builtInVetoes = [
        "unlicensedProduction", "recallNotDone", "majorAccident", "majorViolation", "falseCertification", "jointPunishment",
    ]

    /// A key rules may name: one of the catalog, or any `veto.<code>`.
    public static func isKnown(_ key: String) -> Bool {
        catalog[key] != nil || key.range(of: "^veto\\.[a-z][a-zA-Z]{1,40}$", options: .regularExpression) != nil
    }
}
