import Foundation

/// The unified social credit code (统一社会信用代码, GB 32100-2015): 18 characters, the last a check character.
public struct CreditCode: Sendable, Hashable, Codable, CustomStringConvertible {
    public static let alphabet: [Character] = Array("0123456789ABCDEFGHJKLMNPQRTUWXY")
    static let weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]

    public let value: String
    public var description: String { value }

    /// Checks length, alphabet and check character; lower-case letters are accepted and upper-cased.
    public init(_ raw: String) throws(CreditCodeError) {
        let code = raw.trimmingCharacters(in: .whitespaces).uppercased()
        guard code.count == 18 else { throw .wrongLength(found: code.count) }
        let chars = Array(code)
        for (index, char) in chars.enumerated() where Self.alphabet.firstIndex(of: char) == nil {
            throw .invalidCharacter(char, position: index + 1)
        }
        let expected = Self.checkCharacter(for: String(chars[0..<17]))
        guard expected == chars[17] else {
            throw .wrongCheckCharacter(expected: expected, found: chars[17])
        }
        value = code
    }

    /// The check character for the first 17 characters (check = 31 − Σ wᵢ·cᵢ mod 31, 31 → 0).
    /// Precondition: the 17 characters are from the alphabet.
    public static func checkCharacter(for first17: String) -> Character {
        var sum = 0
        for (char, weight) in zip(first17, weights) {
            sum += (alphabet.firstIndex(of: char) ?? 0) * weight
        }
        let check = (31 - sum % 31) % 31
        return alphabet[check]
    }

    /// Completes 17 characters with their check character (used to build sample data).
    public static func completing(_ first17: String) throws(CreditCodeError) -> CreditCode {
        try CreditCode(first17 + String(checkCharacter(for: first17)))
    }

    public init(from decoder: any Decoder) throws {
        let raw = try decoder.singleValueContainer().decode(String.self)
        do { self = try CreditCode(raw) } catch { throw error }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value)
    }
}

public enum CreditCodeError: DualPreventionError, Equatable {
    case wrongLength(found: Int)
    case invalidCharacter(Character, position: Int)
    case wrongCheckCharacter(expected: Character, found: Character)

    public var kind: FailureKind { .badInput }
    public var rule: String { "GB32100-CHECK" }

    public var message: Text {
        switch self {
        case .wrongLength(let found):
            Text("creditCode.unifiedSocialCreditCode", "\(found)")
        case .invalidCharacter(let char, let position):
            Text("creditCode.characterNotAllowedI", "\(position)", "\(char)")
        case .wrongCheckCharacter(let expected, let found):
            Text("creditCode.wrongCheckCharacter18th", "\(expected)", "\(found)")
        }
    }

    public var hint: Text? {
        Text("creditCode.copyCodeAgainFrom")
    }
}
