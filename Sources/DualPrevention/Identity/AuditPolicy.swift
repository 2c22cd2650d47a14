/// Who checks the whole audit chain: administrators and regulators (it reads every enterprise's entries).
public enum AuditPolicy {
    public static func mayVerify(_ actor: Actor) throws(Refusal) {
        guard actor.role == .admin || actor.role == .regulator else {
            throw Refusal(
                .rule(code: "AUDIT-WHO", message: Text("auditPolicy.onlyAdministratorsRegulatorsVerify"))
            )
        }
    }
}
