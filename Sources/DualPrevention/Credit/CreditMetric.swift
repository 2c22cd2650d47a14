import Foundation

/// The measured values credit rules may score, each computed from the records (never typed in).
/// A rules file may name only these; the store computes them for an enterprise as of a date.
public enum CreditMetric {
    public static let catalog: [String: Text] = [
        "innovation.rndShare": Text("creditMetric.rDSpendingAs"),
        "innovation.patents": Text("creditMetric.validInventionPatents"),
        "management.systemCertified": Text("creditMetric.qualityManagementSystemCertified"),
        "management.staffAppointed": Text("creditMetric.directorOfficersAppointed1"),
        "management.trainingShare": Text("creditMetric.shareStaffTrainedQuality"),
        "standards.declared": Text("creditMetric.enterpriseStandardsDeclaredPublicly"),
        "standards.drafted": Text("creditMetric.nationalIndustryStandardsDrafted"),
        "metrology.calibratedShare": Text("creditMetric.shareInstrumentsWithinCalibration"),
        "metrology.measurementSystem": Text("creditMetric.measurementManagementSystemPlace"),
        "certification.valid": Text("creditMetric.productCertificationValid1"),
        "certification.suspensions": Text("creditMetric.certificatesSuspendedWithdrawn"),
        "licensing.valid": Text("creditMetric.productionLicenceValid1"),
        "dualPrevention.closedLoopRate": Text("creditMetric.closedLoopRateClosed"),
        "dualPrevention.onTimeRate": Text("creditMetric.shareHazardsClosedTime"),
        "dualPrevention.missedChecks": Text("creditMetric.missedDailyWeeklyMonthly"),
        "dualPrevention.overdueOrListedMajor": Text("creditMetric.majorHazardsOverdueListed"),
        "dualPrevention.gradedOnTimeShare": Text("creditMetric.shareRiskPointsGraded"),
        "dualPrevention.repeatHazards": Text("creditMetric.repeatHazardsSameRisk"),
        "dualPrevention.warningsMissed": Text("creditMetric.regulatorsWarningsNotAnswered"),
        "spotChecks.passRate": Text("creditMetric.supervisorySpotCheckPass"),
        "spotChecks.safetyFailures": Text("creditMetric.spotChecksFailedSafety"),
        "violations.general": Text("creditMetric.generalQualityViolations"),
        "complaints.substantiated": Text("creditMetric.substantiatedConsumerComplaints"),
        "injuries.count": Text("creditMetric.productQualityInjuries"),
        "awards.provincial": Text("creditMetric.provincialNationalGovernmentQuality"),
        "awards.municipal": Text("creditMetric.municipalQualityAwardsFamous"),
        "veto.unlicensedProduction": Text("creditMetric.productionWithoutLicence"),
        "veto.recallNotDone": Text("creditMetric.defectiveProductRecallDue"),
        "veto.majorAccident": Text("creditMetric.majorQualityAccident"),
        "veto.majorViolation": Text("creditMetric.majorQualityViolation"),
        "veto.falseCertification": Text("creditMetric.falseCertification"),
        "veto.jointPunishment": Text("creditMetric.jointPunishmentBlacklist"),
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
