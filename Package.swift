// swift-tools-version: 6.0
import PackageDescription

// Layers, each depending only on the ones before it: an upward call does not compile.
//   FieldnotesSupport   bytes, text, dates, JSON, files: no knowledge of notes
//   FieldnotesCore      read → parse → check: YAML, Markdown, schema, checklist, config, rules,
//                       diagnostics and their renderers, the per-account pipeline, workspace, git
//   FieldnotesHistory   each account's versions in git (first-parent history, renames followed),
//                       their facts (cached under .git/fieldnotes/) and what changed between them
//   FieldnotesReports   what a team acts on: missing, summary, briefs, history and changes
//   FieldnotesLSP       the language server
//   FieldnotesCLI       the commands: options, help, exit status
//   fieldnotes          the executable
let package = Package(
    name: "fieldnotes",
    products: [
        .executable(name: "fieldnotes", targets: ["fieldnotes"])
    ],
    targets: [
        .target(name: "FieldnotesSupport"),
        .target(name: "FieldnotesCore", dependencies: ["FieldnotesSupport"]),
        .target(name: "FieldnotesHistory", dependencies: ["FieldnotesCore", "FieldnotesSupport"]),
        .target(
            name: "FieldnotesReports", dependencies: ["FieldnotesHistory", "FieldnotesCore", "FieldnotesSupport"]),
        .target(name: "FieldnotesLSP", dependencies: ["FieldnotesCore", "FieldnotesSupport"]),
        .target(
            name: "FieldnotesCLI",
            dependencies: [
                "FieldnotesReports", "FieldnotesHistory", "FieldnotesLSP", "FieldnotesCore", "FieldnotesSupport",
            ]),
        .executableTarget(name: "fieldnotes", dependencies: ["FieldnotesCLI", "FieldnotesSupport"]),
        .testTarget(
            name: "FieldnotesKitTests",
            dependencies: [
                "FieldnotesSupport", "FieldnotesCore", "FieldnotesHistory", "FieldnotesReports", "FieldnotesLSP",
                "FieldnotesCLI",
                "fieldnotes",
            ],
            exclude: ["Fixtures"]
        ),
    ]
)
