import ArgumentParser
import DualPrevention
import Foundation
import HummingbirdBcrypt

struct UserCommands: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user",
        abstract: "Logins of named people: set a password (bcrypt), change your own, disable one.",
        discussion: """
            The password is read from standard input (its first line), or asked twice at a terminal; it never goes on the
            command line. An administrator sets anyone's password and disables accounts; everyone may change their own.

            Examples:
              printf '%s\\n' 'Hengxin-2026-safe' | dualprev user add 林晓燕 --as 1
              dualprev user passwd --as 林晓燕
              dualprev user disable 林晓燕 --as 1
            """,
        subcommands: [Add.self, Passwd.self, Disable.self]
    )

    /// The new password from standard input or, at a terminal, typed twice without echo.
    static func readPassword() throws -> String {
        let mismatch = InputError(rule: "PASSWORD-MISMATCH", message: Text("userCommands.twoPasswordsDiffer"))
        if isatty(STDIN_FILENO) == 1 {
            guard let first = getpass("Password: ").map({ String(cString: $0) }), let second = getpass("Again: ").map({ String(cString: $0) }) else {
                throw mismatch
            }
            guard first == second else { throw mismatch }
            return first
        }
        guard let line = readLine(strippingNewline: true), !line.isEmpty else {
            throw InputError(
                rule: "PASSWORD-REQUIRED",
                message: Text("userCommands.noPasswordStandardInput"),
                hint: Text("userCommands.examplePrintfSN")
            )
        }
        return line
    }

    static func setPassword(of key: String?, global: GlobalOptions) async throws {
        let repository = try await global.repository()
        let actor = try await global.requireActor(repository)
        let person = try await repository.person(key ?? String(actor.id))
        let password = try readPassword()
        try AccountPolicy.check(password, for: person)
        let account = try await repository.setPassword(personID: person.id, passwordHash: Bcrypt.hash(password, cost: 12), by: actor, at: global.now)
        struct Shown: Encodable {
            var personID: Int64
            var name: String
            var changedAt: Date
            var enabled: Bool
        }
        global.output.emit(
            Shown(personID: person.id, name: person.name, changedAt: account.changedAt, enabled: account.isEnabled),
            table: Table(
                headers: [Text("userCommands.person"), Text("hazardPages.state")],
                rows: [["#\(person.id) \(person.name)", Text("userCommands.passwordSet")(global.language)]]
            )
        )
    }

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Give a person a login (an administrator), or reset it.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The person (id or unique name).") var person: String

        func run() async throws {
            try await reporting(global.language) { try await UserCommands.setPassword(of: person, global: global) }
        }
    }

    struct Passwd: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Change a password: your own, or (an administrator) anyone's.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The person (yourself if left out).") var person: String?

        func run() async throws {
            try await reporting(global.language) { try await UserCommands.setPassword(of: person, global: global) }
        }
    }

    struct Disable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Disable a login (an administrator); it is kept, and a new password enables it again."
        )
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The person (id or unique name).") var person: String

        func run() async throws {
            try await reporting(global.language) {
                let repository = try await global.repository()
                let actor = try await global.requireActor(repository)
                let target = try await repository.person(person)
                let account = try await repository.disableAccount(personID: target.id, by: actor, at: global.now)
                struct Shown: Encodable {
                    var personID: Int64
                    var name: String
                    var disabledAt: Date?
                }
                global.output.emit(
                    Shown(personID: target.id, name: target.name, disabledAt: account.disabledAt),
                    table: Table(
                        headers: [Text("userCommands.person"), Text("hazardPages.state")],
                        rows: [["#\(target.id) \(target.name)", Text("userCommands.disabled")(global.language)]]
                    )
                )
            }
        }
    }
}
