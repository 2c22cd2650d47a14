import DualPrevention
import Foundation

/// One enterprise, one file (一企一档, DOMAIN.md §14) as a self-contained HTML document: inline CSS, no script, every
/// text from the records escaped. Registration, people, the risk register with each point's gradings, the checks, the
/// hazards with their timelines, evidence hashes and what they affect, the credit grades and list entries, and the
/// audit chain's head it was drawn at, so that a reader can tell whether the records changed since.
public enum EnterpriseFileHTML {
    /// `steps`: each hazard's recorded steps, for its timeline in words.
    public static func render(_ c: EnterpriseFile, steps: [Int64: [HazardStory.Step]], drawnAt: Date, language l: Language) -> String {
        let local = c.names.localTime(c.enterprise.id)
        let e = BenchmarkReportHTML.escape
        func t(_ text: Text) -> String { e(text(l)) }
        func table(_ headers: [String], _ rows: [[String]]) -> String {
            guard !rows.isEmpty else { return "<p class=\"none\">\(t(Text("enterpriseFile.none")))</p>\n" }
            let head = headers.map { "<th>\(e($0))</th>" }.joined()
            let body = rows.map { "<tr>" + $0.map { "<td>\(e($0))</td>" }.joined() + "</tr>" }.joined(separator: "\n")
            return "<table><thead><tr>\(head)</tr></thead><tbody>\n\(body)\n</tbody></table>\n"
        }
        let place = { (w: Int64?, team: Int64?, post: Int64?) in w.map { c.names.place(workshop: $0, team: team, post: post) } ?? "" }
        var html = """
            <!DOCTYPE html>
            <html lang="\(l == .zh ? "zh-CN" : "en")">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(t(Text("enterpriseFile.title"))) – \(e(c.enterprise.name))</title>
            <style>\(style)</style>
            </head>
            <body>
            <header>
            <h1>\(t(Text("enterpriseFile.title")))</h1>
            <p class="enterprise">\(e(c.enterprise.name))</p>
            <dl>
            <dt>\(t(Text("enterpriseFile.creditCode")))</dt><dd>\(e(c.enterprise.creditCode.value))</dd>
            <dt>\(t(Text("enterpriseFile.jurisdiction")))</dt><dd>\(e(c.jurisdictions.map(\.name).reversed().joined(separator: " / ")))</dd>
            <dt>\(t(Text("enterpriseFile.category")))</dt><dd>\(e(c.enterprise.productCategory))</dd>
            <dt>\(t(Text("enterpriseFile.drawnAt")))</dt><dd>\(e(local.minute(drawnAt))) (\(e(local.timeZone.identifier)))</dd>
            <dt>\(t(Text("enterpriseFile.auditHead")))</dt><dd><code>\(e(c.auditHead))</code><br>\(t(Text("enterpriseFile.auditEntries", "\(c.auditEntries)")))</dd>
            </dl>
            </header>

            """
        html += "<h2>\(t(Text("enterpriseFile.people")))</h2>\n"
        html += table(
            [Text("enterpriseFile.name")(l), Text("enterpriseFile.role")(l), Text("enterpriseFile.place")(l)],
            c.people.map { [$0.name, $0.role.label(l), place($0.workshopID, nil, nil)] }
        )
        html += "<h2>\(t(Text("enterpriseFile.riskRegister")))</h2>\n"
        html += table(
            [
                Text("enterpriseFile.place")(l), Text("enterpriseFile.riskPoint")(l), Text("enterpriseFile.colour")(l),
                Text("enterpriseFile.measures")(l), Text("enterpriseFile.owner")(l), Text("enterpriseFile.gradings")(l),
            ],
            c.riskPoints.map { p in
                let gradings = (c.gradings[p.id] ?? []).map { "\(local.day($0.gradedAt)) \($0.result.colour.label(l))" }.joined(separator: "; ")
                return [
                    place(p.workshopID, p.teamID, p.postID), p.name, p.colour?.label(l) ?? "", p.measures, c.names.person(p.ownerID), gradings,
                ]
            }
        )
        html += "<h2>\(t(Text("enterpriseFile.checks")))</h2>\n"
        html += table(
            [Text("enterpriseFile.kind")(l), Text("enterpriseFile.period")(l), Text("enterpriseFile.by")(l), Text("enterpriseFile.result")(l)],
            c.checkRuns.map { run in
                [
                    run.kind.label(l), run.period, "\(c.names.personOrID(run.performedBy)) · \(local.minute(run.performedAt))",
                    run.noRiskFound ? Text("enterpriseFile.noRisk")(l) : Text("enterpriseFile.failed", "\(run.failures.count)")(l),
                ]
            }
        )
        html += "<h2>\(t(Text("enterpriseFile.hazards")))</h2>\n"
        if c.hazards.isEmpty { html += "<p class=\"none\">\(t(Text("enterpriseFile.none")))</p>\n" }
        for hazard in c.hazards {
            let story = HazardStory(hazard, steps: steps[hazard.id] ?? [], evidence: c.evidence[hazard.id] ?? [], names: c.names, language: l)
            html += "<section class=\"hazard\"><h3>\(e(hazard.number)) · \(e(hazard.grade.label(l))) · \(e(hazard.state.label(l)))</h3>\n"
            html += "<p>\(e(hazard.description))</p>\n"
            html += "<ol class=\"timeline\">" + story.events.map { "<li>\(e($0.at)) · \(e($0.text)) · \(e($0.who))</li>" }.joined() + "</ol>\n"
            let files = c.evidence[hazard.id] ?? []
            if !files.isEmpty {
                html += table(
                    [Text("enterpriseFile.file")(l), Text("enterpriseFile.attachedTo")(l), "SHA-256"],
                    files.map { [$0.fileName, $0.attachedTo, $0.sha256] }
                )
            }
            if let products = c.products[hazard.id], !products.batches.isEmpty || !products.stops.isEmpty {
                let view = ProductsView(products, hazard: hazard, names: c.names, at: drawnAt, language: l)
                if !view.batches.isEmpty {
                    html += table(
                        [
                            Text("productCommands.batch")(l), Text("productCommands.product")(l), Text("productCommands.shipped")(l),
                            Text("productCommands.recovered")(l),
                        ],
                        view.batches.map { [$0.number, $0.product, $0.shipped, $0.recovered] }
                    )
                }
                html += table(
                    [Text("productCommands.scope")(l), Text("productCommands.ordered")(l), Text("productCommands.lifted")(l)],
                    view.stops.map { [$0.scope, $0.ordered, $0.lifted] }
                )
                if !view.recall.isEmpty {
                    html += "<p>\(t(Text("enterpriseFile.recall"))) · \(e(view.recallStanding))</p>\n"
                    html += table([Text("hazardCommands.field")(l), Text("hazardCommands.value")(l)], view.recall.map { [$0.label, $0.value] })
                }
            }
            html += "</section>\n"
        }
        html += "<h2>\(t(Text("enterpriseFile.records")))</h2>\n"
        html += table(
            [Text("enterpriseFile.kind")(l), Text("enterpriseFile.date")(l), Text("enterpriseFile.reference")(l), Text("enterpriseFile.note")(l)],
            c.qualityRecords.map { r in
                [
                    "\(r.kind.label(l)) · \(r.subtype)", local.day(r.occurredOn), r.reference,
                    r.withdrawnAt.map { Text("enterpriseFile.withdrawn", local.day($0))(l) } ?? r.note,
                ]
            }
        )
        html += "<h2>\(t(Text("enterpriseFile.grades")))</h2>\n"
        html += table(
            [Text("enterpriseFile.asOf")(l), Text("enterpriseFile.grade")(l), Text("enterpriseFile.score")(l), Text("enterpriseFile.by")(l)],
            c.creditGrades.map { g in
                [
                    local.day(g.asOf), g.grade.rawValue, String(format: "%.1f", g.score),
                    "\(c.names.personOrID(g.computedBy)) · \(local.minute(g.computedAt))",
                ]
            }
        )
        html += "<h2>\(t(Text("enterpriseFile.lists")))</h2>\n"
        html += table(
            [
                Text("enterpriseFile.quarter")(l), Text("enterpriseFile.list")(l), Text("enterpriseFile.criterion")(l),
                Text("enterpriseFile.state")(l),
            ],
            c.listEntries.map { [$0.quarter, $0.list.label(l), $0.criterionName(l), $0.state.label(l)] }
        )
        html += "<footer>\(t(Text("enterpriseFile.footer", c.auditHead)))</footer>\n</body>\n</html>\n"
        return html
    }

    static let style = """
        *{box-sizing:border-box}
        body{font-family:"PingFang SC","Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:0 auto;padding:1em;max-width:64em;color:#222;line-height:1.45}
        h1{margin:0 0 .2em;font-size:1.7em}h2{font-size:1.3em;border-bottom:2px solid #1f5fa8;padding-bottom:.2em;margin:1.6em 0 .6em}
        h3{font-size:1.05em;margin:1em 0 .4em}.enterprise{font-size:1.3em;font-weight:bold;margin:.2em 0}
        dl{display:grid;grid-template-columns:max-content 1fr;gap:.2em 1em}dt{color:#555}dd{margin:0}code{word-break:break-all}
        table{border-collapse:collapse;width:100%;margin:.4em 0 1em;font-size:.92em}th,td{border:1px solid #bbb;padding:.3em .45em;text-align:left;vertical-align:top}
        th{background:#eef3fa}td{word-break:break-word}.none{color:#777}.timeline{margin:.2em 0 .6em 1.2em;padding:0}
        .hazard{border-left:3px solid #1f5fa8;padding-left:.8em;margin:1em 0}footer{margin-top:2em;color:#555;font-size:.9em}
        @media print{body{max-width:none;padding:0}@page{size:A4;margin:15mm}.hazard{break-inside:avoid}}
        """
}
