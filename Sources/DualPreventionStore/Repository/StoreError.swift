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
            Text(zh: "\(text.zh)（\(underlying)）", en: "\(text.en) (\(underlying))")
        case .ambiguous(let what, let key, let candidates):
            Text(
                zh: "“\(key)”对应多个\(what)：\(candidates.joined(separator: "，"))",
                en: "'\(key)' matches several \(what): \(candidates.joined(separator: ", "))"
            )
        case .notBootstrapped:
            Text(zh: "数据库尚未初始化", en: "the database has not been initialised")
        case .readOnly(let path):
            Text(
                zh: "数据库为只读\(path.isEmpty ? "" : "（\(path)）")：可查询和核验，不能更改",
                en: "the database is read-only\(path.isEmpty ? "" : " (\(path))"): it answers reads and audit verify, not changes"
            )
        case .full:
            Text(zh: "磁盘已满，本次操作已整体撤销", en: "the disk is full; the action was rolled back whole")
        case .busy:
            Text(
                zh: "数据库被其他写入（如大批量导入或备份）占用，超过了本次等待的时限",
                en: "other writers (a large import, a backup) held the database for longer than this action waits"
            )
        case .needsMigration(let detail):
            Text(zh: "数据库版本不符：\(detail)", en: "the database's version does not match: \(detail)")
        }
    }

    public var hint: Text? {
        switch self {
        case .io: Text(zh: "检查文件路径和权限后重试；未做任何更改", en: "check the path and permissions and try again; nothing was changed")
        case .constraint: Text(zh: "检查是否重复登记或引用了不存在的对象", en: "check for a duplicate or a reference to something that does not exist")
        case .ambiguous: Text(zh: "请改用编号", en: "use the numeric id instead")
        case .notBootstrapped: Text(zh: "先运行 dualprev init", en: "run `dualprev init` first")
        case .readOnly:
            Text(
                zh: "要更改，请把数据库复制到可写位置，或用 dualprev restore 恢复备份",
                en: "to change it, copy it somewhere writable, or `dualprev restore` a backup"
            )
        case .full: Text(zh: "释放磁盘空间后重试", en: "free some disk space and try again")
        case .busy: Text(zh: "稍后重试", en: "try again in a moment")
        case .needsMigration:
            Text(
                zh: "用与数据库相符的程序版本打开，或在可写副本上运行一次任意命令以升级",
                en: "open it with the matching program, or run any command once on a writable copy to upgrade it"
            )
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
                Text(zh: "数据不符合约束（重复或不一致）", en: "the data breaks a constraint (a duplicate or an inconsistency)"),
                underlying: dbError.message ?? "\(dbError.resultCode)"
            )
        default:
            return StoreError.io(Text(zh: "数据库错误", en: "database error"), underlying: dbError.message ?? "\(dbError.resultCode)")
        }
    }
}
