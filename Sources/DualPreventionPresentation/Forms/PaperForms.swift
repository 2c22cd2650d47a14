import DualPrevention
import Foundation

/// Plain-text printouts laid out like the paper forms of DOMAIN.md §9, Chinese with English subtitles.
public enum PaperForms {
    static let width = 76

    public static func notice(_ hazard: Hazard, names: Names) -> String? {
        NoticeFormView(hazard, names: names).map(notice)
    }

    /// The notice as fixed-width text, from the same view the printed page renders.
    public static func notice(_ form: NoticeFormView) -> String {
        box(
            title: "隐患整改通知单  Rectification Notice",
            number: form.number,
            rows: [
                ("受检单位 Unit", form.enterprise),
                ("隐患编号 Hazard", form.hazard),
                ("发现时间 Found", "\(form.found)    发现人 By: \(form.foundBy)"),
                ("位置 Location", form.location),
                ("隐患描述 Description", form.description),
                ("性质及后果 Nature", form.nature.isEmpty ? "—" : form.nature),
                ("隐患等级 Grade", form.gradeBoth),
                ("整改要求 Measures", form.measures),
                ("整改期限 Deadline", form.deadline + " (\(form.timeZone))"),
                ("责任单位 Resp. unit", form.unit),
                ("责任人 Resp. person", form.receiver),
            ],
            signatures: [
                ("签发人 Issued by", form.issuer, form.issuedOn),
                ("接收人 Received by", form.receiver, form.receivedOn.isEmpty ? "____-__-__" : form.receivedOn),
            ]
        )
    }

    public static func acceptance(_ hazard: Hazard, evidence: [EvidenceItem], names: Names) -> String? {
        AcceptanceFormView(hazard, evidence: evidence, names: names).map(acceptance)
    }

    /// The acceptance form as fixed-width text, from the same view the printed page renders.
    public static func acceptance(_ form: AcceptanceFormView) -> String {
        let result =
            form.passed ? "☑ 通过 pass   ☐ 不通过 fail" : form.failed ? "☐ 通过 pass   ☑ 不通过 fail" : "☐ 通过 pass   ☐ 不通过 fail"
        return box(
            title: "质量隐患治理验收表  Acceptance Form",
            number: form.number,
            rows: [
                ("隐患编号 Hazard", form.hazard),
                ("通知单号 Notice", form.notice),
                ("隐患描述 Description", form.description),
                ("整改措施 Measures taken", form.measures),
                ("完成日期 Completed", form.completed),
                ("整改人 Rectifier", form.rectifier),
                ("验收标准 Criteria", form.criteria),
                ("验收结果 Result", result),
                ("验收意见 Opinion", form.opinion),
                ("附件 Evidence", form.files.isEmpty ? "—" : form.files.joined(separator: "\n")),
            ],
            signatures: [("验收人 Acceptor", form.acceptor, form.acceptedOn.isEmpty ? "____-__-__" : form.acceptedOn)]
        )
    }

    /// The daily check record, the weekly investigation report or the monthly scheduling minutes (DOMAIN.md §9).
    public static func check(_ run: CheckRun, runs: [CheckRun], hazards: [Hazard], names: Names) -> String {
        let local = names.localTime(run.enterpriseID)
        let enterprise = names.enterprises[run.enterpriseID]?.name ?? ""
        let failures = run.failures.map { failure in
            "✘ \(failure.item)\(failure.note.isEmpty ? "" : "：\(failure.note)") → " + (hazards.first { $0.id == failure.hazardID }?.number ?? "")
        }
        switch run.kind {
        case .daily:
            return box(
                title: "每日质量安全检查记录  Daily Check Record",
                number: "\(run.period)",
                rows: [
                    ("企业 Enterprise", enterprise),
                    ("日期 Date", run.period),
                    ("检查人 Officer", names.person(run.performedBy)),
                    ("检查项目 Items", "\(run.results.count) 项，合格 \(run.results.count - run.failures.count) 项"),
                    ("检查结果 Results", run.results.map { "\($0.passed ? "✔" : "✘") \($0.ref) \($0.item)" }.joined(separator: "\n")),
                    ("发现问题及处理 Problems", failures.isEmpty ? "未发现风险 No risk found" : failures.joined(separator: "\n")),
                ],
                signatures: [("检查人 Officer", names.person(run.performedBy), local.day(run.performedAt))]
            )
        case .weekly:
            let week = CheckSchedule(local: local).period(.weekly, containing: run.performedAt)
            let inWeek = { (date: Date) in date >= week.start && date < week.end }
            let found = hazards.filter { inWeek($0.foundAt) && $0.state != .cancelled }
            let closed = hazards.filter { $0.closedAt.map(inWeek) ?? false }
            let open = hazards.filter { $0.state.isOpen && $0.foundAt < week.end }
            let dailies = runs.filter { $0.kind == .daily && inWeek($0.performedAt) }
            return box(
                title: "每周质量安全排查治理报告  Weekly Investigation Report",
                number: run.period,
                rows: [
                    ("企业 Enterprise", enterprise),
                    ("周次 Week", "\(run.period)（\(local.day(week.start)) 至 \(local.day(week.end.addingTimeInterval(-1)))）"),
                    ("检查情况 Checks done", "日管控 \(dailies.count) 次，本次排查 \(run.results.count) 项，不合格 \(run.failures.count) 项"),
                    ("发现隐患 Hazards found", "一般 \(found.filter { $0.grade == .general }.count) 项，重大 \(found.filter { $0.grade == .major }.count) 项"),
                    ("已整改 Rectified", closed.isEmpty ? "—" : closed.map(\.number).joined(separator: "、")),
                    (
                        "未整改及原因 Open",
                        open.isEmpty
                            ? "—"
                            : open.map { "\($0.number) \($0.state.label.zh)" + ($0.isOverdue(at: week.end) ? "（逾期）" : "") }.joined(separator: "\n")
                    ),
                    ("本周情况 Situation", run.minutes?.situation ?? ""),
                    ("下周重点 Next week", run.minutes?.decisions ?? ""),
                ],
                signatures: [("质量安全总监 Director", names.person(run.performedBy), local.day(run.performedAt))]
            )
        case .monthly:
            return box(
                title: "每月质量安全调度会议纪要  Monthly Scheduling Minutes",
                number: run.period,
                rows: [
                    ("企业 Enterprise", enterprise),
                    ("日期 Date", local.day(run.performedAt)),
                    ("主持人 Chair", run.minutes?.chair ?? ""),
                    ("参会人员 Attendees", run.minutes?.attendees ?? ""),
                    ("质量安全情况 Situation", run.minutes?.situation ?? ""),
                    ("存在问题 Problems", run.minutes?.problems ?? ""),
                    ("决定事项及任务 Decisions", run.minutes?.decisions ?? ""),
                ],
                signatures: [("主要负责人 Principal", run.minutes?.chair ?? names.person(run.performedBy), local.day(run.performedAt))]
            )
        }
    }

    static func box(title: String, number: String, rows: [(String, String)], signatures: [(String, String, String)]) -> String {
        let inner = width - 4
        let labelWidth = 24
        var lines = ["┌" + String(repeating: "─", count: width - 2) + "┐"]
        func line(_ text: String) { lines.append("│ " + TextWidth.pad(text, to: inner) + " │") }
        func rule() { lines.append("├" + String(repeating: "─", count: width - 2) + "┤") }
        let titlePad = max(0, (inner - TextWidth.of(title)) / 2)
        line(String(repeating: " ", count: titlePad) + title)
        line(TextWidth.pad("", to: inner - TextWidth.of("No. " + number)) + "No. " + number)
        rule()
        for (label, value) in rows {
            let wrapped = value.split(separator: "\n", omittingEmptySubsequences: false).flatMap { wrap(String($0), to: inner - labelWidth - 1) }
            for (index, piece) in (wrapped.isEmpty ? [""] : wrapped).enumerated() {
                line(TextWidth.pad(index == 0 ? label : "", to: labelWidth) + " " + piece)
            }
            rule()
        }
        for (label, name, date) in signatures {
            line(TextWidth.pad(label, to: 23) + TextWidth.pad(name, to: 9) + "签名/Sign ________  日期/Date " + date)
        }
        lines.append("└" + String(repeating: "─", count: width - 2) + "┘")
        return lines.joined(separator: "\n")
    }

    /// Breaks text into pieces no wider than `width` display columns.
    static func wrap(_ text: String, to width: Int) -> [String] {
        var pieces: [String] = []
        var current = ""
        for char in text {
            if TextWidth.of(current + String(char)) > width {
                pieces.append(current)
                current = ""
            }
            current.append(char)
        }
        if !current.isEmpty || pieces.isEmpty { pieces.append(current) }
        return pieces
    }
}

/// Display width in a terminal or a fixed-width printout: CJK characters take two columns, combining marks none.
public enum TextWidth {
    public static func of(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { sum, scalar in
            let v = scalar.value
            let wide =
                (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v) || (0xAC00...0xD7A3).contains(v)
                || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v) || (0xFF00...0xFF60).contains(v)
                || (0xFFE0...0xFFE6).contains(v) || (0x20000...0x3FFFD).contains(v)
            let zero = (0x0300...0x036F).contains(v) || v == 0x200B || (0xFE00...0xFE0F).contains(v)
            return sum + (zero ? 0 : wide ? 2 : 1)
        }
    }

    /// Pads to a display width, for laying out forms.
    public static func pad(_ text: String, to width: Int) -> String {
        text + String(repeating: " ", count: max(0, width - of(text)))
    }
}
