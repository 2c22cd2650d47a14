import DualPrevention
import DualPreventionStore
import Hummingbird

// Domain values sent as JSON bodies as they are.

extension Jurisdiction: ResponseEncodable {}
extension Enterprise: ResponseEncodable {}
extension Workshop: ResponseEncodable {}
extension Team: ResponseEncodable {}
extension Post: ResponseEncodable {}
extension Person: ResponseEncodable {}
extension RiskPoint: ResponseEncodable {}
extension GradingRecord: ResponseEncodable {}
extension CheckPlan: ResponseEncodable {}
extension QualityRecord: ResponseEncodable {}
extension CreditGradeRecord: ResponseEncodable {}
extension ListEntry: ResponseEncodable {}
extension BenchmarkAssessment: ResponseEncodable {}
extension AssessmentAssignment: ResponseEncodable {}
extension AuditReport: ResponseEncodable {}
extension Checklist: ResponseEncodable {}
extension ImportReport: ResponseEncodable {}
extension RiskWarning: ResponseEncodable {}
extension WarningTask: ResponseEncodable {}
extension WarningReport: ResponseEncodable {}
extension Inspection: ResponseEncodable {}
extension InboxItem: ResponseEncodable {}
extension HazardProducts: ResponseEncodable {}
extension BatchLedgerLine: ResponseEncodable {}
extension RecallLedgerLine: ResponseEncodable {}
extension RepeatHazards.Point: ResponseEncodable {}
extension RepeatHazards.Category: ResponseEncodable {}
extension LoopTrend: ResponseEncodable {}
