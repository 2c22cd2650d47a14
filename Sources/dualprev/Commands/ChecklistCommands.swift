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
                            Text(zh: "类别", en: "category"), Text(zh: "名称", en: "name"), Text(zh: "版本", en: "version"),
                            Text(zh: "风险点", en: "risk points"), Text(zh: "红/橙/黄/蓝", en: "R/O/Y/B"), Text(zh: "引用标准", en: "standards"),
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
                            Text(zh: "编号", en: "code"), Text(zh: "维度", en: "dimension"), Text(zh: "控制环节", en: "stage"),
                            Text(zh: "风险点", en: "risk point"), Text(zh: "建议评级", en: "suggested grading"), Text(zh: "等级", en: "colour"),
                            Text(zh: "频次", en: "frequency"), Text(zh: "责任角色", en: "role"), Text(zh: "检查项", en: "check items"),
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
                    headers: [Text(zh: "位置", en: "where"), Text(zh: "字段", en: "field"), Text(zh: "实际", en: "found"), Text(zh: "应为", en: "expected")],
                    rows: issues.map { ["\($0.file):\($0.line):\($0.column)", $0.path, $0.found, $0.expected] }
                )
            )
            FileHandle.standardError.write(
                Data(
                    Text(
                        zh: "已检查 \(files.count) 个文件，\(issues.count) 处错误\n",
                        en: "\(files.count) files checked, \(issues.count) errors\n"
                    )(l).utf8
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
                message: Text(zh: "没有类别“\(category)”的清单", en: "no checklist for category '\(category)'"),
                hint: Text(zh: "可用：\(all.map(\.category).joined(separator: "、"))", en: "use one of: \(all.map(\.category).joined(separator: ", "))")
            )
        }
        return list
    }
}
