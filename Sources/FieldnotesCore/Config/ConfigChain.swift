import FieldnotesSupport
import Foundation

/// Where a setting was written: the file, and where its key and value are in it.
public struct SettingOrigin: Sendable {
    /// The settings file, named as in messages (relative to the working directory).
    public var file: SourceFile
    public var keyRange: SourceRange
    public var valueRange: SourceRange

    /// The line and column of the key, 1-based.
    public var position: TextPosition { file.location(of: keyRange.start) }
}

/// The settings of a notes repository read through `extends:`: fieldnotes.yml, the file it
/// extends, the one that extends, and so on. A file's own settings win over those it extends:
/// a setting written in the extending file replaces the extended one whole (a list, such as
/// `internal:`, is not added to), except `severity:` and `fields:`, which are merged entry by
/// entry (a rule's severity, a field of the same name, is the extending file's).
public struct ConfigChain: Sendable {
    /// The effective settings.
    public var config: Config
    /// The files read, the extending one first; empty when there is no fieldnotes.yml.
    public var files: [SourceFile] = []
    /// Where those files are.
    public var locations: [URL] = []
    /// Where each written setting comes from: `accounts`, `severity.RULE`, `fields.NAME`; a
    /// setting not in it has its default.
    public var origins: [String: SettingOrigin] = [:]

    public init(config: Config = Config()) {
        self.config = config
    }

    /// Reads a settings file by its location and the name messages give it.
    public typealias Reader = (_ url: URL, _ display: String) throws -> SourceFile

    /// Reads `url` and every file it extends, each relative to the file that names it.
    public static func load(_ url: URL, cwd: URL, read: Reader) throws -> ConfigChain {
        var links: [(url: URL, file: SourceFile, config: Config, root: YAMLNode?)] = []
        var next: URL? = url.standardizedFileURL
        while let current = next {
            let file = try read(current, Workspace.relative(current, to: cwd))
            let config: Config
            switch Config.load(file) {
            case .success(let c): config = c
            case .failure(let e): throw e
            }
            var reader = YAMLFileReader(file: file)
            let root = reader.root()
            links.append((current, file, config, root))
            next = try extended(by: root, in: file, at: current, chain: links.map { ($0.url, $0.file.path) })
        }
        var chain = ConfigChain()
        chain.files = links.map(\.file)
        chain.locations = links.map(\.url)
        let leafFolder = url.standardizedFileURL.deletingLastPathComponent()
        for link in links.reversed() {
            chain.overlay(link.config, written: link.root, from: link.file, at: link.url, root: leafFolder)
        }
        chain.config.path = links[0].file.path
        chain.config.source = links[0].file
        chain.config.extended = Array(chain.files.dropFirst())
        return chain
    }

    /// The file `root`'s `extends:` names, nil when it names none; a file that does not exist or
    /// one already in `chain` (a cycle) is an error located at the value.
    private static func extended(
        by root: YAMLNode?, in file: SourceFile, at url: URL, chain: [(url: URL, name: String)]
    ) throws -> URL? {
        guard let node = root?["extends"], !node.isNull else { return nil }
        guard let name = node.scalar, !name.isEmpty else {
            throw located(
                "'extends' should be the path of another settings file, e.g. ../team/fieldnotes.yml", node.range, file,
                summary: "the configuration '\(file.path)' is invalid")
        }
        let target = Workspace.resolve(name, url.deletingLastPathComponent())
        // The same file reached by another path (a link, `..`) is the same file: compare where they lead.
        func identity(_ url: URL) -> String { FileSystem.realPath(url.path) ?? url.standardizedFileURL.path }
        let identityOfTarget = identity(target)
        if let first = chain.firstIndex(where: { identity($0.url) == identityOfTarget }) {
            let cycle = (chain[first...].map(\.name) + [chain[first].name]).joined(separator: " → ")
            throw located(
                "'extends' makes a cycle: \(cycle)", node.range, file,
                summary: "the configuration '\(file.path)' extends itself through '\(name)'",
                help: "remove 'extends:' from one of these files")
        }
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: target.path, isDirectory: &isDir), !isDir.boolValue else {
            throw located(
                "no such file '\(name)'", node.range, file,
                summary: "the settings '\(name)' extended by '\(file.path)' do not exist",
                help: "the path is relative to the folder of '\(file.path)'")
        }
        return target
    }

    private static func located(
        _ message: String, _ range: SourceRange, _ file: SourceFile, summary: String, help: String? = nil
    ) -> ToolError {
        let d = Diagnostic(nil, message, at: range, help: help, severity: .error)
        return ToolError(summary, files: [FileDiagnostics(path: file.path, source: file, diagnostics: [d])])
    }

    /// Every top-level key of fieldnotes.yml the chain knows how to carry from an extended file.
    package static let mergedKeys: Set<String> = [
        "extends", "accounts", "checklist", "briefs", "internal", "internal_roles", "stale_after_days",
        "stalled_after_days", "severity", "fields", "select", "ignore",
    ]

    /// Lays the settings written in `file` over the chain's.
    private mutating func overlay(
        _ written: Config, written root: YAMLNode?, from file: SourceFile, at url: URL, root folder: URL
    ) {
        for pair in root?.mapping ?? [] where !pair.value.isNull {
            let origin = SettingOrigin(file: file, keyRange: pair.keyRange, valueRange: pair.value.range)
            switch pair.key {
            case "accounts": config.accounts = written.accounts
            case "checklist":
                // Relative to the file that names it; kept relative to the notes repository's folder.
                if let name = written.checklist {
                    config.checklist = Workspace.relative(
                        Workspace.resolve(name, url.deletingLastPathComponent()), to: folder)
                }
            case "briefs": config.briefs = written.briefs
            case "internal": config.internalQuestions = written.internalQuestions
            case "internal_roles": config.internalRoles = written.internalRoles
            case "stale_after_days": config.staleAfter = written.staleAfter
            case "stalled_after_days": config.stalledAfter = written.stalledAfter
            // Lists: the extending file's replaces the extended one's, as on the command line.
            case "select": config.select = written.select
            case "ignore": config.ignore = written.ignore
            case "severity":
                for entry in pair.value.mapping ?? [] {
                    guard let rule = Rule(rawValue: entry.key), let severity = written.severity[rule] else { continue }
                    config.severity[rule] = severity
                    origins["severity." + entry.key] = SettingOrigin(
                        file: file, keyRange: entry.keyRange, valueRange: entry.value.range)
                }
            case "fields":
                for entry in pair.value.mapping ?? [] {
                    guard let field = written.fields.first(where: { $0.name == entry.key }) else { continue }
                    if let at = config.fields.firstIndex(where: { $0.name == entry.key }) {
                        config.fields[at] = field
                    } else {
                        config.fields.append(field)
                    }
                    origins["fields." + entry.key] = SettingOrigin(
                        file: file, keyRange: entry.keyRange, valueRange: entry.value.range)
                }
            default: break
            }
            origins[pair.key] = origin
        }
    }
}
