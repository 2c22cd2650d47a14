import DualPrevention
import GRDB

/// Failures of the store itself, mapped to the same kinds as domain errors.
public enum StoreError: DualPreventionError {
    case io(Text, underlying: String)
    case constraint(Text, underlying: String)
    case ambiguous(what: String, key: String, candidates: [String])
    case notBootstrapped
    /// The database (or its folder, or its disk) is read-only: reads and `audit verify` work, changes do not.
    case readOnly(path: String)
    /// The disk is full: the change was rolled back whole.
    case full
    /// Other writers kept the database locked past the wait (a long import, a backup).
    case busy
    /// The database was written by a newer program, or needs a migration it cannot take because it is read-only.
    case needsMigration(String)

    public var kind: FailureKind {
        switch self {
        case .io, .notBootstrapped, .needsMigration: .io
        case .constraint, .ambiguous: .badInput
        case .readOnly, .full: .cannotWrite
        case .busy: .busy
        }
    }

    public var rule: String {
        switch self {
        case .io: "STORE-IO"
        case .constraint: "STORE-CONSTRAINT"
        case .ambiguous: "KEY-AMBIGUOUS"
        case .notBootstrapped: "STORE-NOT-INITIALISED"
        case .readOnly: "STORE-READ-ONLY"
        case .full: "STORE-FULL"
        case .busy: "STORE-BUSY"
        case .needsMigration: "STORE-MIGRATION"
        }
    }

    public var message: Text {
        switch self {
        case .io(let text, let underlying), .constraint(let text, let underlying):
            Text("storeError.text", text, "\(underlying)")
        case .ambiguous(let what, let key, let candidates):
            Text(
                zh: "“\(key)”对应多个\(what)：\(candidates.joined(separator: "，"))",
                en: "'\(key)' matches several \(what): \(candidates.joined(separator: ", "))"
            )
        case .notBootstrapped:
            Text("storeError.databaseHasNotBeen")
        case .readOnly(let path):
            Text(
                zh: "数据库为只读\(path.isEmpty ? "" : "（\(path)）")：可查询和核验，不能更改",
                en: "the database is read-only\(path.isEmpty ? "" : " (\(path))"): it answers reads and audit verify, not changes"
            )
        case .full:
            Text("storeError.diskFullActionWas")
        case .busy:
            Text("storeError.otherWritersLargeImport")
        case .needsMigration(let detail):
            Text("storeError.databaseSVersionDoes", "\(detail)")
        }
    }

    public var hint: Text? {
        switch self {
        case .io: Text("storeError.checkPathPermissionsTry")
        case .constraint: Text("storeError.checkDuplicateReferenceSomething")
        case .ambiguous: Text("storeError.useNumericIdInstead")
        case .notBootstrapped: Text("storeError.runDualprevInitFirst")
        case .readOnly:
            Text("storeError.changeCopySomewhereWritable")
        case .full: Text("storeError.freeSomeDiskSpace")
        case .busy: Text("storeError.tryAgainMoment")
        case .needsMigration:
            Text("storeError.openWithMatchingProgram")
        }
    }

    /// Translates a database error into what the user can act on.
    static func wrap(_ error: any Error) -> any Error {
        guard let dbError = error as? DatabaseError else { return error }
        switch dbError.resultCode {
        case .SQLITE_READONLY:
            return StoreError.readOnly(path: "")
        case .SQLITE_FULL:
            return StoreError.full
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            return StoreError.busy
        case .SQLITE_CONSTRAINT:
            return StoreError.constraint(
                Text("storeError.dataBreaksConstraintDuplicate"),
                underlying: dbError.message ?? "\(dbError.resultCode)"
            )
        default:
            return StoreError.io(Text("storeError.databaseError"), underlying: dbError.message ?? "\(dbError.resultCode)")
        }
    }
}
