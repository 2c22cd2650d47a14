import ArgumentParser

@main
struct DualPrev: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dualprev",
        abstract: "Product-quality dual prevention (双重预防): risk graded control and hazard investigation and remediation.",
        discussion: """
            Every change and every look at the records is made by a named person (--as), who sees only their own
            enterprise (or, for a regulator, their jurisdiction); every change is recorded in a hash-chained audit log.
            Exit codes: 0 done; 64 usage; 65 bad input; 66 not found; 74 storage error; 77 refused by a rule.

            A first look:
              dualprev demo                                        build a sample database and print its summary
              dualprev hazard list --as "台州市局 孙建华" --overdue   hazards past their deadline, city-wide
              dualprev hazard show 1 --as 林晓燕                    one hazard with its whole timeline
              dualprev audit verify                                check that nothing was changed behind the program's back
            """,
        subcommands: [
            InitCommand.self, DemoCommand.self, ServeCommand.self, GenerateCommand.self,
            JurisdictionCommands.self, EnterpriseCommands.self, WorkshopCommands.self, TeamCommands.self,
            PostCommands.self, PersonCommands.self, UserCommands.self,
            RiskCommands.self, ChecklistCommands.self, CheckCommands.self, HazardCommands.self,
            QualityRecordCommands.self, CreditCommands.self, ListCommands.self, BenchmarkCommands.self, HistoryCommand.self, AuditCommands.self,
        ]
    )
}
