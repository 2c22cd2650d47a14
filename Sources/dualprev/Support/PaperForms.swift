import DualPrevention
import DualPreventionStore
import Foundation

/// Plain-text printouts laid out like the paper forms of DOMAIN.md §9, Chinese with English subtitles.
enum PaperForms {
    static let width = 76

    static func notice(_ hazard: Hazard, names: Names) -> String? {
        guard let notice = hazard.notice else { return nil }
        let local = names.localTime(hazard.enterpriseID)
        let enterprise = names.enterprises[hazard.enterpriseID]?.name ?? ""
        return box(title: "隐患整改通知单  Rectification Notice", number: notice.number, rows: [
            ("受检单位 Unit", enterprise),
            ("隐患编号 Hazard", hazard.number),
            ("发现时间 Found", "\(local.minute(hazard.foundAt))    发现人 By: \(names.person(hazard.foundBy))"),
            ("位置 Location", [names.place(workshop: hazard.workshopID, team: hazard.teamID, post: hazard.postID), hazard.location].filter { !$0.isEmpty }.joined(separator: " · ")),
            ("隐患描述 Description", hazard.description),
            ("性质及后果 Nature", notice.nature.isEmpty ? "—" : notice.nature),
            ("隐患等级 Grade", hazard.grade.label.zh + " / " + hazard.grade.label.en),
            ("整改要求 Measures", notice.requiredMeasures),
            ("整改期限 Deadline", local.minute(notice.deadline) + " (\(local.timeZone.identifier))"),
            ("责任单位 Resp. unit", notice.responsibleUnit.isEmpty ? names.workshop(hazard.workshopID) : notice.responsibleUnit),
            ("责任人 Resp. person", names.person(notice.receiverID)),
        ], signatures: [
            ("签发人 Issued by", names.person(notice.issuedBy), local.day(notice.issuedAt)),
            ("接收人 Received by", names.person(notice.receiverID), notice.acknowledgedAt.map(local.day) ?? "____-__-__"),
        ])
    }

    static func acceptance(_ hazard: Hazard, evidence: [EvidenceItem], names: Names) -> String? {
        guard let submission = hazard.submissions.last else { return nil }
        let local = names.localTime(hazard.enterpriseID)
        let acceptance = hazard.acceptances.last.flatMap { $0.sequence >= submission.sequence || hazard.state == .closed ? $0 : nil }
        let result = acceptance.map { $0.passed ? "☑ 通过 pass   ☐ 不通过 fail" : "☐ 通过 pass   ☑ 不通过 fail" } ?? "☐ 通过 pass   ☐ 不通过 fail"
        let files = evidence.filter { $0.attachedTo != "hazard" || $0.label == "before" }
            .map { "\($0.label): \($0.fileName) sha256:\($0.sha256.prefix(16))…" }
        return box(title: "质量隐患治理验收表  Acceptance Form", number: hazard.notice?.number ?? hazard.number, rows: [
            ("隐患编号 Hazard", hazard.number),
            ("通知单号 Notice", hazard.notice?.number ?? "—"),
            ("隐患描述 Description", hazard.description),
            ("整改措施 Measures taken", submission.measuresTaken),
            ("完成日期 Completed", local.minute(submission.completedAt)),
            ("整改人 Rectifier", names.person(submission.rectifierID)),
            ("验收标准 Criteria", acceptance?.criteria ?? ""),
            ("验收结果 Result", result),
            ("验收意见 Opinion", acceptance?.opinion ?? ""),
            ("附件 Evidence", files.isEmpty ? "—" : files.joined(separator: "\n")),
        ], signatures: [
            ("验收人 Acceptor", acceptance.map { names.person($0.acceptorID) } ?? "", acceptance.map { local.day($0.acceptedAt) } ?? "____-__-__"),
        ])
    }

    static func box(title: String, number: String, rows: [(String, String)], signatures: [(String, String, String)]) -> String {
        let inner = width - 4
        let labelWidth = 24
        var lines = ["┌" + String(repeating: "─", count: width - 2) + "┐"]
        func line(_ text: String) { lines.append("│ " + Output.pad(text, to: inner) + " │") }
        func rule() { lines.append("├" + String(repeating: "─", count: width - 2) + "┤") }
        let titlePad = max(0, (inner - Output.width(title)) / 2)
        line(String(repeating: " ", count: titlePad) + title)
        line(Output.pad("", to: inner - Output.width("No. " + number)) + "No. " + number)
        rule()
        for (label, value) in rows {
            let wrapped = value.split(separator: "\n", omittingEmptySubsequences: false).flatMap { wrap(String($0), to: inner - labelWidth - 1) }
            for (index, piece) in (wrapped.isEmpty ? [""] : wrapped).enumerated() {
                line(Output.pad(index == 0 ? label : "", to: labelWidth) + " " + piece)
            }
            rule()
        }
        for (label, name, date) in signatures {
            line(Output.pad(label, to: 20) + Output.pad(name, to: 12) + "签名/Sign ________  日期/Date " + date)
        }
        lines.append("└" + String(repeating: "─", count: width - 2) + "┘")
        return lines.joined(separator: "\n")
    }

    /// Breaks text into pieces no wider than `width` display columns.
    static func wrap(_ text: String, to width: Int) -> [String] {
        var pieces: [String] = []
        var current = ""
        for char in text {
            if Output.width(current + String(char)) > width {
                pieces.append(current)
                current = ""
            }
            current.append(char)
        }
        if !current.isEmpty || pieces.isEmpty { pieces.append(current) }
        return pieces
    }
}
