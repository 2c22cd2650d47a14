import DualPrevention
import Foundation

/// A check record as a person reads it, on its page and on its printed sheet: who checked what and when, each item
/// passed or failed with its note, the hazard a failure opened and its photos, and the monthly meeting's minutes.
public struct CheckRecordView: Sendable {
    public struct Line: Sendable, Hashable {
        public var label: String
        public var value: String
    }

    public struct Photo: Sendable, Hashable {
        public var sha256: String
        public var name: String
        public var isImage: Bool
    }

    public struct Item: Sendable, Hashable {
        public var riskPoint: String
        public var item: String
        public var passed: Bool
        public var verdict: String
        public var note: String
        public var hazardID: Int64?
        public var hazardNumber: String?
        public var photos: [Photo]
        public var hasPhotos: Bool
    }

    public var id: Int64
    public var heading: [Line]
    public var items: [Item]
    /// Only the failed items, for the confirmation.
    public var failures: [Item]
    public var summary: String
    public var minutes: [Line]
    public var hasMinutes: Bool

    public init(
        _ run: CheckRun,
        points: [Int64: RiskPoint],
        hazards: [Int64: Hazard],
        photos: [Int64: [EvidenceItem]],
        names: Names,
        language l: Language
    ) {
        let dates = LocalDates(names.localTime(run.enterpriseID), language: l)
        id = run.id
        heading = [
            Line(label: Text("checkRecordView.enterprise")(l), value: names.enterprise(run.enterpriseID)),
            Line(label: Text("checkRecordView.kind")(l), value: run.kind.label(l)),
            Line(label: Text("checkRecordView.period")(l), value: dates.period(run.period)),
            Line(label: Text("checkRecordView.checkedBy")(l), value: names.personOrID(run.performedBy)),
            Line(label: Text("checkRecordView.checkedAt")(l), value: dates.minute(run.performedAt)),
        ]
        items = run.results.map { result in
            let point = points[result.riskPointID]
            let hazard = result.hazardID.flatMap { hazards[$0] }
            // The photos taken at the check (the hazard's own, attached when it was reported), not later ones.
            let files = (result.hazardID.flatMap { photos[$0] } ?? []).filter { $0.attachedTo == "hazard" }
            return Item(
                riskPoint: point.map { "\($0.name) · \(names.workshop($0.workshopID))" } ?? "",
                item: result.item,
                passed: result.passed,
                verdict: (result.passed ? Text("checkRecordView.passed") : Text("checkRecordView.failed"))(l),
                note: result.note,
                hazardID: result.hazardID,
                hazardNumber: hazard?.number,
                photos: files.map { Photo(sha256: $0.sha256, name: $0.fileName, isImage: HazardStory.isImage($0.fileName)) },
                hasPhotos: !files.isEmpty
            )
        }
        failures = items.filter { !$0.passed }
        summary =
            run.noRiskFound
            ? Text("checkRecordView.noRiskFound", String(run.results.count))(l)
            : Text("checkRecordView.summary", String(run.results.count), String(failures.count))(l)
        if let m = run.minutes {
            minutes = [
                Line(label: Text("page.chair")(l), value: m.chair),
                Line(label: Text("page.attendees")(l), value: m.attendees),
                Line(label: Text("page.situation")(l), value: m.situation),
                Line(label: Text("page.problems")(l), value: m.problems),
                Line(label: Text("page.decisions")(l), value: m.decisions),
            ].filter { !$0.value.isEmpty }
        } else {
            minutes = []
        }
        hasMinutes = !minutes.isEmpty
    }
}
