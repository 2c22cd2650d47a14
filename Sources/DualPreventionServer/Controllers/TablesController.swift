import DualPrevention
import DualPreventionCatalog
import DualPreventionPresentation
import DualPreventionStore
import Foundation
import Hummingbird

/// Catalogues, imports and exports: record kinds and checklists, template and CSV imports, the register and the
/// ledger as CSV, the paper forms as text. The store checks who may do what, as for the CLI.
struct TablesController {
    let repository: any Repository
    let rules: ServerRules

    struct TemplateImport: Decodable {
        var enterpriseID: Int64
        var workshopID: Int64
        var checklist: String
    }
    /// A CSV table sent inside JSON (changes are JSON only): UTF-8 text, a byte-order mark allowed.
    struct TableUpload: Decodable {
        var enterpriseID: Int64?
        var csv: String
    }

    func checklist(_ category: String) throws -> Checklist {
        guard let found = rules.checklists.first(where: { $0.category == category }) else {
            throw InputError(
                rule: "CHECKLIST-CATEGORY",
                message: Text("tablesController.noChecklistCategory", "\(category)"),
                hint: Text("tablesController.useOne").appending(rules.checklists.map(\.category).joined(separator: ", "))
            )
        }
        return found
    }

    func addRoutes(to group: RouterGroup<ServerContext>) {
        group.get("record-kinds") { request, context in
            _ = try context.requirePerson()
            return try RequestInput.page(QualityRecordKind.summaries, request)
        }
        group.get("checklists") { request, context in
            _ = try context.requirePerson()
            return try RequestInput.page(rules.checklists, request)
        }
        group.get("checklists/{category}") { _, context -> Checklist in
            _ = try context.requirePerson()
            return try checklist(try context.parameters.require("category"))
        }
        group.post("risk-points/import") { request, context -> EditedResponse<ImportReport> in
            let actor = try context.requirePerson().actor
            let body = try await request.decode(as: TemplateImport.self, context: context)
            let report = try await repository.importChecklist(
                try checklist(body.checklist),
                enterpriseID: body.enterpriseID,
                workshopID: body.workshopID,
                by: actor,
                at: context.now
            )
            return EditedResponse(status: .created, response: report)
        }
        group.post("risk-points/import-table") { request, context -> EditedResponse<[RiskPoint]> in
            let actor = try context.requirePerson().actor
            let body = try await request.decode(as: TableUpload.self, context: context)
            let enterprise = try await repository.enterprise(
                String(try RequestInput.required(body.enterpriseID, "enterpriseID")),
                visibleTo: .person(actor)
            )
            let lookup = try await RiskTable.lookup(repository, viewer: .person(actor), enterprise: enterprise)
            let rows = try RiskTable.read(csv: body.csv, enterpriseID: enterprise.id, lookup: lookup, dimensions: repository.dimensions).get()
            let points = try await repository.addRiskPoints(rows.map { ($0.point, $0.grading) }, by: actor, at: context.now) { _, _ in }
            return EditedResponse(status: .created, response: points)
        }
        group.get("risk-points/export") { request, context -> Response in
            let viewer = try context.requireViewer()
            let enterpriseID = try await APIController(repository: repository).enterpriseID(request, viewer)
            return try await RequestInput.riskRegister(RiskFilter(enterpriseID: enterpriseID), repository: repository, viewer: viewer)
        }
        group.get("hazards/export") { request, context -> Response in
            let viewer = try context.requireViewer()
            let enterpriseID = try await APIController(repository: repository).enterpriseID(request, viewer)
            let now = context.now
            // Streamed a batch at a time: a province's ledger is sent without being held whole.
            return RequestInput.csv(name: "hazard-ledger") { writer in
                var ledger = HazardLedger.Writer(now: now)
                try await writer.write(ByteBuffer(string: ledger.header))
                try await repository.eachHazardBatch(HazardFilter(enterpriseID: enterpriseID), visibleTo: viewer) { batch in
                    try await writer.write(ByteBuffer(string: ledger.rows(batch.hazards, names: batch.names)))
                }
            }
        }
        // The paper forms as fixed-width text, as `dualprev hazard print-notice|print-acceptance` and `check print` print them.
        group.get("hazards/{key}/print/notice") { _, context -> Response in
            let viewer = try context.requireViewer()
            let hazard = try await repository.hazard(try context.parameters.require("key"), visibleTo: viewer)
            let names = try await Names.load(
                repository,
                viewer: viewer,
                enterpriseIDs: [hazard.enterpriseID],
                people: hazard.notice.map { [$0.issuedBy] } ?? []
            )
            guard let form = PaperForms.notice(hazard, names: names) else { throw NotFoundError(what: "rectification notice", key: hazard.number) }
            return RequestInput.text(form)
        }
        group.get("hazards/{key}/print/acceptance") { _, context -> Response in
            let viewer = try context.requireViewer()
            let hazard = try await repository.hazard(try context.parameters.require("key"), visibleTo: viewer)
            let evidence = try await repository.evidence(of: hazard.id, visibleTo: viewer)
            let names = try await Names.load(
                repository,
                viewer: viewer,
                enterpriseIDs: [hazard.enterpriseID],
                people: hazard.acceptances.map(\.acceptorID)
            )
            guard let form = PaperForms.acceptance(hazard, evidence: evidence, names: names) else {
                throw NotFoundError(what: "rectification submission", key: hazard.number)
            }
            return RequestInput.text(form)
        }
        group.get("check-runs/{id}/print") { _, context -> Response in
            let viewer = try context.requireViewer()
            let id = try context.parameters.require("id", as: Int64.self)
            let run = try await repository.checkRun(id, visibleTo: viewer)
            let names = try await Names.load(repository, viewer: viewer, enterpriseIDs: [run.enterpriseID])
            let hazards = try await repository.hazards(HazardFilter(enterpriseID: run.enterpriseID), visibleTo: viewer)
            let runs = try await repository.checkRuns(enterpriseID: run.enterpriseID, visibleTo: viewer)
            return RequestInput.text(PaperForms.check(run, runs: runs, hazards: hazards, names: names))
        }
        group.post("records/import") { request, context -> EditedResponse<[QualityRecord]> in
            let actor = try context.requirePerson().actor
            let body = try await request.decode(as: TableUpload.self, context: context)
            let visible = try await repository.enterprises(visibleTo: .person(actor))
            let now = context.now
            let drafts = try QualityRecordTable.drafts(
                csv: body.csv,
                visible: visible,
                defaultEnterprise: body.enterpriseID,
                rules: try RequestInput.rule(rules.credit, "credit"),
                now: now
            )
            return EditedResponse(status: .created, response: try await repository.addQualityRecords(drafts, by: actor, at: now) { _, _ in })
        }
    }

}
