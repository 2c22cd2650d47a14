import DualPrevention
import Foundation

/// Every JSON body the API takes, decoded as its route decodes it (Foundation's `JSONDecoder`, as the request
/// context's), and the hazard routes' bodies read into the report and each action's command as the routes read them:
/// without a store and without a request. What the JSON fuzzer (`Fuzz/FuzzJSON`) feeds arbitrary bytes to, and what
/// its regression test replays; any input must end in a value or an error, never a crash.
public enum BodyProbe {
    public static func everyBody(_ data: Data, now: Date) {
        let decoder = JSONDecoder()
        func decodes<T: Decodable>(_: T.Type) { _ = try? decoder.decode(T.self, from: data) }
        decodes(SetupController.NewJurisdiction.self)
        decodes(SetupController.NewEnterprise.self)
        decodes(SetupController.NewPlace.self)
        decodes(SetupController.NewPerson.self)
        decodes(AuthController.Credentials.self)
        decodes(TablesController.TemplateImport.self)
        decodes(TablesController.TableUpload.self)
        decodes(AccountsController.NewPassword.self)
        decodes(RiskAndChecksController.Grading.self)
        decodes(RiskAndChecksController.NewRiskPoint.self)
        decodes(RiskAndChecksController.NewPlan.self)
        decodes(RiskAndChecksController.NewRun.self)
        decodes(ListsAndBenchmarkController.Quarter.self)
        decodes(ListsAndBenchmarkController.Review.self)
        decodes(ListsAndBenchmarkController.Appointment.self)
        decodes(CreditController.NewRecord.self)
        decodes(CreditController.Reason.self)
        decodes(CreditController.NewGrade.self)
        guard let body = try? decoder.decode(HazardInput.Body.self, from: data) else { return }
        _ = try? HazardInput.report(body)
        for action in Action.hazardActions { _ = try? HazardInput.command(action, body, now: now) }
    }
}
