import DualPrevention
import GRDB

/// Failures of the store itself, mapped to the same kinds as domain errors.
public enum StoreError: DualPreventionError {
    case io(Text, underlying: String)
    case constraint(Text, underlying: String)
    case ambiguous(what: String, key: String, candidates: [String])
    case notBootstrapped

    public var kind: FailureKind {
        switch self {
        case .io, .notBootstrapped: .io
        case .constraint, .ambiguous: .badInput
        }
    }

    public var rule: String {
        switch self {
        case .io: "STORE-IO"
        case .constraint: "STORE-CONSTRAINT"
        case .ambiguous: "KEY-AMBIGUOUS"
        case .notBootstrapped: "STORE-NOT-INITIALISED"
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
        }
    }

    public var hint: Text? {
        switch self {
        case .io: Text(zh: "检查文件路径和权限后重试；未做任何更改", en: "check the path and permissions and try again; nothing was changed")
        case .constraint: Text(zh: "检查是否重复登记或引用了不存在的对象", en: "check for a duplicate or a reference to something that does not exist")
        case .ambiguous: Text(zh: "请改用编号", en: "use the numeric id instead")
        case .notBootstrapped: Text(zh: "先运行 dualprev init", en: "run `dualprev init` first")
        }
    }

    /// Translates a database error into what the user can act on.
    static func wrap(_ error: any Error) -> any Error {
        guard let dbError = error as? DatabaseError else { return error }
        switch dbError.resultCode {
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
