import DualPrevention
import Foundation

/// A tier's control list (分级管控清单, DOMAIN.md §14) as an A4 form: one self-contained HTML page (inline CSS, no
/// script, everything escaped) with the unit keeping the list, one row per risk point it carries with the person who
/// answers for it at that tier (`ControlList.rowOwner`), and lines for the signatures.
public enum ControlListFormHTML {
    public static func render(_ list: ControlList, points: [RiskPoint], names: Names, drawnAt: Date, language l: Language) -> String {
        let e = BenchmarkReportHTML.escape
        let local = names.localTime(list.enterpriseID)
        let people = Array(names.people.values)
        let unit = [
            list.workshopID.map { names.workshops[$0]?.name ?? "" }, list.teamID.map { names.teams[$0]?.name ?? "" },
            list.postID.map { names.posts[$0]?.name ?? "" },
        ].compactMap { $0 }.joined(separator: " / ")
        let enterprise = names.enterprise(list.enterpriseID)
        let title = Text("controlListForm.title", list.tier.label)(l)
        let carried = points.filter(list.carries).sorted {
            ($0.colour.map { RiskColour.allCases.firstIndex(of: $0) ?? 9 } ?? 9, $0.workshopID, $0.id)
                < ($1.colour.map { RiskColour.allCases.firstIndex(of: $0) ?? 9 } ?? 9, $1.workshopID, $1.id)
        }
        let headers = [
            Text("controlListForm.number"), Text("controlListForm.place"), Text("controlListForm.riskPoint"), Text("controlListForm.hazard"),
            Text("controlListForm.colour"), Text("controlListForm.controlledAt"), Text("controlListForm.measures"),
            Text("controlListForm.frequency"), Text("controlListForm.owner"),
        ]
        let rows = carried.enumerated().map { index, p in
            let colour = p.colour.map { "<span class=\"dot \($0.rawValue)\"></span>\(e($0.label(l)))" } ?? ""
            let controlledAt = p.colour.map { e(ControlList.Tier(controlling: $0).label(l)) } ?? ""
            let cells = [
                e(String(index + 1)), e(names.place(workshop: p.workshopID, team: p.teamID, post: p.postID)), e(p.name), e(p.hazardDescription),
                colour, controlledAt, e(p.measures), e(p.frequency.label(l)), e(names.personOrID(list.rowOwner(p, people: people))),
            ]
            return "<tr>" + cells.map { "<td>\($0)</td>" }.joined() + "</tr>"
        }
        return """
            <!DOCTYPE html>
            <html lang="\(l == .zh ? "zh-CN" : "en")">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(e(title)) – \(e(enterprise))</title>
            <style>\(style)</style>
            </head>
            <body>
            <h1>\(e(title))</h1>
            <table class="head">
            <tr><th>\(e(Text("controlListForm.enterprise")(l)))</th><td>\(e(enterprise))</td><th>\(e(Text("controlListForm.tier")(l)))</th><td>\(e(list.tier.label(l)))</td></tr>
            <tr><th>\(e(Text("controlListForm.unit")(l)))</th><td>\(e(unit.isEmpty ? enterprise : unit))</td><th>\(e(Text("controlListForm.drawnAt")(l)))</th><td>\(e(local.day(drawnAt)))</td></tr>
            </table>
            <p class="rule">\(e(Text("controlListForm.rule")(l)))</p>
            <table class="rows">
            <thead><tr>\(headers.map { "<th>\(e($0(l)))</th>" }.joined())</tr></thead>
            <tbody>
            \(rows.isEmpty ? "<tr><td colspan=\"\(headers.count)\">\(e(Text("controlListForm.none")(l)))</td></tr>" : rows.joined(separator: "\n"))
            </tbody>
            </table>
            <table class="sign"><tr><th>\(e(Text("controlListForm.preparedBy")(l)))</th><td></td><th>\(e(Text("controlListForm.unitHead")(l)))</th><td></td><th>\(e(Text("controlListForm.approvedBy")(l)))</th><td></td><th>\(e(Text("controlListForm.date")(l)))</th><td></td></tr></table>
            </body>
            </html>

            """
    }

    static let style = """
        @page { size: A4 landscape; margin: 12mm; }
        body { font-family: "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif; font-size: 10.5pt; color: #111; margin: 0 auto; max-width: 273mm; }
        h1 { font-size: 16pt; text-align: center; margin: 0 0 6mm; }
        table { width: 100%; border-collapse: collapse; margin-bottom: 4mm; }
        th, td { border: 1px solid #333; padding: 1.5mm 2mm; vertical-align: top; text-align: left; }
        th { background: #f2f2f2; font-weight: 600; }
        .head th { width: 14%; } .rows thead { display: table-header-group; } .rows tr { page-break-inside: avoid; }
        .sign td { height: 12mm; width: 16%; } .rule { font-size: 9pt; color: #444; margin: 0 0 3mm; }
        .dot { display: inline-block; width: 0.8em; height: 0.8em; border-radius: 50%; margin-right: 0.3em; vertical-align: -0.05em; border: 1px solid #333; }
        .dot.red { background: #d32f2f; } .dot.orange { background: #f57c00; } .dot.yellow { background: #fbc02d; } .dot.blue { background: #1976d2; }
        """
}
