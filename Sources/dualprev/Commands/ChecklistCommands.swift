import ArgumentParser
import DualPrevention
import DualPreventionCatalog
import Foundation

struct ChecklistCommands: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "checklist",
        abstract: "Risk-point templates per product category (checklists/*.yaml).",
        subcommands: [List.self, Show.self, Validate.self]
    )

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the product categories with templates.",
            discussion: "Example:\n  dualprev checklist list --lang en"
        )
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            try await reporting(global.language) {
                let lists = try ChecklistCommands.loadAll(global)
                let l = global.language
                global.output.emit(
                    lists,
                    table: Table(
                        headers: [
                            Text("checklistCommands.category"), Text("checklistCommands.name"), Text("benchmarkReportHTML.version"),
                            Text("checklistCommands.riskPoints"), Text("checklistCommands.rOYB"), Text("checklistCommands.standards"),
                        ],
                        rows: lists.map { list in
                            let colours = list.riskPoints.compactMap { try? Grader.grade($0.grading).colour }
                            return [
                                list.category, list.name(l), String(list.version), String(list.riskPoints.count),
                                RiskColour.allCases.map { c in String(colours.filter { $0 == c }.count) }.joined(separator: "/"),
                                list.standards.map(\.code).joined(separator: ", "),
                            ]
                        }
                    )
                )
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show one category's risk points with their suggested grading.",
            discussion: "Example:\n  dualprev checklist show electric-bicycles --format json"
        )
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The category key, e.g. food-contact-plastics.") var category: String

        func run() async throws {
            try await reporting(global.language) {
                let list = try ChecklistCommands.find(category, global)
                let l = global.language
                let dimensions = try global.catalogConfiguration().dimensions
                global.output.emit(
                    list,
                    table: Table(
                        headers: [
                            Text("checklistCommands.code"), Text("checklistCommands.dimension"), Text("checklistCommands.stage"),
                            Text("checklistCommands.riskPoint"), Text("checklistCommands.suggestedGrading"), Text("checklistCommands.colour"),
                            Text("checklistCommands.frequency"), Text("checklistCommands.role"), Text("checklistCommands.checkItems"),
                        ],
                        rows: list.riskPoints.map { p in
                            [
                                p.code, (try? dimensions.resolve(p.dimension).label(l)) ?? p.dimension, p.controlStage, p.name,
                                p.grading.method.rawValue.uppercased() + " " + p.grading.summary,
                                (try? Grader.grade(p.grading).colour.label(l)) ?? "",
                                p.frequency.label(l), p.responsibleRole.label(l), String(p.checkItems.count),
                            ]
                        }
                    )
                )
            }
        }
    }

    struct Validate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check catalog files; every error of every file is reported with its line and column.",
            discussion: """
                Exit code 0 when all are valid, 65 when any has an error.

                Examples:
                  dualprev checklist validate checklists/*.yaml
                  dualprev checklist validate my-products.yaml --format json
                """
        )
        @OptionGroup var global: GlobalOptions
        @Argument(help: "YAML files to check.") var files: [String]

        func validate() throws {
            guard !files.isEmpty else { throw ValidationError("name at least one file, e.g. checklists/*.yaml") }
        }

        func run() async throws {
            let dimensions = (try? global.catalogConfiguration().dimensions) ?? DimensionCatalog()
            var issues: [CatalogIssue] = []
            for file in files {
                do {
                    _ = try CatalogLoader.load(file: file, dimensions: dimensions)
                } catch let error as CatalogError {
                    issues += error.issues
                }
            }
            let l = global.language
            global.output.emit(
                issues,
                table: Table(
                    headers: [
                        Text("backupCommands.where"), Text("checklistCommands.field"), Text("checklistCommands.found"),
                        Text("checklistCommands.expected"),
                    ],
                    rows: issues.map { ["\($0.file):\($0.line):\($0.column)", $0.path, $0.found, $0.expected] }
                )
            )
            FileHandle.standardError.write(
                Data(
                    Text("checklistCommands.filesCheckedErrors", "\(files.count)", "\(issues.count)")(l).utf8
                )
            )
            if !issues.isEmpty { throw ExitCode(ExitStatus.badInput) }
        }
    }

    /// Every checklist in the folder; one broken file stops the listing with all of its errors.
    static func loadAll(_ global: GlobalOptions) throws -> [Checklist] {
        try global.environment().catalogue.checklists()
    }

    static func find(_ category: String, _ global: GlobalOptions) throws -> Checklist {
        let all = try loadAll(global)
        guard let list = all.first(where: { $0.category == category }) else {
            throw InputError(
                rule: "CHECKLIST-CATEGORY",
                message: Text("tablesController.noChecklistCategory", "\(category)"),
                hint: Text(zh: "可用：\(all.map(\.category).joined(separator: "、"))", en: "use one of: \(all.map(\.category).joined(separator: ", "))")
            )
        }
        return list
    }
}
