import ArgumentParser

#if canImport(Glibc)
import Glibc
#endif

@main
struct DualPrev: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dualprev",
        abstract: "Product-quality dual prevention (双重预防): risk graded control and hazard investigation and remediation.",
        discussion: """
            Every change and every look at the records is made by a named person (--as), who sees only their own
            enterprise (or, for a regulator, their jurisdiction); every change is recorded in a hash-chained audit log.
            Exit codes: 0 done; 1 audit verify found a break; 64 usage; 65 bad input; 66 not found; 73 cannot write
            (read-only or full); 74 storage error; 75 busy past the wait; 77 refused by a rule.

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
            WarningCommands.self, InspectionCommands.self, EscalateCommand.self, InboxCommands.self,
            QualityRecordCommands.self, CreditCommands.self, ListCommands.self, BenchmarkCommands.self, HistoryCommand.self, AuditCommands.self,
            BackupCommand.self, RestoreCommand.self, MigrateCommand.self, ArchiveCommand.self, AppointmentCommands.self, OversightCommands.self,
        ]
    )

    /// Set-up at the edge, before any command runs.
    static func main() async {
        keepFreedMemory()
        await main(nil)
    }

    /// glibc hands the top of a heap back to the system once more than 128 KB of it is free, so every transaction
    /// that frees its buffers is followed by page faults to fault them in again (a sixth of the generator's time,
    /// most of its system time). Keeping up to 128 MB free per heap ends that; the peak RSS stays what it was (the
    /// overview of a province measured 83–85 MB with it, 99–101 MB without).
    static func keepFreedMemory() {
        #if canImport(Glibc)
        // `mallopt` is not in the Glibc module (it is declared in <malloc.h>): found by name, called as C.
        typealias MallOpt = @convention(c) (Int32, Int32) -> Int32
        let mTrimThreshold: Int32 = -1  // M_TRIM_THRESHOLD
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else { return }
        _ = unsafeBitCast(symbol, to: MallOpt.self)(mTrimThreshold, 128 << 20)
        #endif
    }
}
