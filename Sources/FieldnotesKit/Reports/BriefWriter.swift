import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes briefs to a folder the way git likes it: only files whose content changed, each
/// written atomically, each marked as generated; generated briefs whose account is gone are
/// removed, and a file without the mark is never touched.
public struct BriefWriter {
    public var directory: URL
    /// The notes repository root, to tell whether a brief's account still exists.
    public var root: URL

    public struct Plan {
        /// Relative path in the folder → content.
        public var files: [(path: String, contents: String)]
    }

    public enum Change: Equatable, Sendable {
        case created(String), updated(String), removed(String), unchanged(String)
        /// A file is in the way that fieldnotes did not write: it is left alone.
        case conflict(String)
    }

    /// Where the brief of `accountPath` goes: its path under the accounts folder, in `directory`.
    public static func briefPath(for accountPath: String, glob: Glob, extension ext: String = "md") -> String {
        var parts = accountPath.split(separator: "/").map(String.init)
        let prefix = glob.staticPrefix
        if parts.count > prefix.count, Array(parts.prefix(prefix.count)) == prefix { parts.removeFirst(prefix.count) }
        var name = parts.joined(separator: "/")
        if let dot = name.lastIndex(of: "."), !name[dot...].contains("/") { name = String(name[..<dot]) }
        return name + "." + ext
    }

    /// Generated files in the folder (those with the mark), relative path → the account they came from.
    func generatedFiles() -> [String: String] {
        var out: [String: String] = [:]
        let fm = FileManager.default
        guard let e = fm.enumerator(atPath: directory.path) else { return out }
        while let rel = e.nextObject() as? String {
            let url = directory.appendingPathComponent(rel)
            guard let attrs = try? fm.attributesOfItem(atPath: url.path), attrs[.type] as? FileAttributeType == .typeRegular,
                  let handle = FileHandle(forReadingAtPath: url.path) else { continue }
            let head = (try? handle.read(upToCount: 512)) ?? nil
            try? handle.close()
            guard let head, let firstLine = String(decoding: head, as: UTF8.self).split(separator: "\n", maxSplits: 1).first,
                  let source = Brief.source(ofGenerated: firstLine) else { continue }
            out[rel] = source
        }
        return out
    }

    /// What writing `plan` would change (nothing is written).
    public func changes(_ plan: Plan) throws -> [Change] {
        let fm = FileManager.default
        var out: [Change] = []
        let planned = Set(plan.files.map(\.path))
        for file in plan.files {
            let url = directory.appendingPathComponent(file.path)
            if let existing = fm.contents(atPath: url.path) {
                if existing == Data(file.contents.utf8) {
                    out.append(.unchanged(file.path))
                } else {
                    let first = String(decoding: existing.prefix(512), as: UTF8.self).split(separator: "\n", maxSplits: 1).first ?? ""
                    out.append(Brief.source(ofGenerated: first) == nil ? .conflict(file.path) : .updated(file.path))
                }
            } else {
                out.append(.created(file.path))
            }
        }
        for (rel, source) in generatedFiles().sorted(by: { $0.key < $1.key }) where !planned.contains(rel) {
            if !fm.fileExists(atPath: root.appendingPathComponent(source).path) { out.append(.removed(rel)) }
        }
        return out
    }

    /// Applies `plan`: writes created and updated files atomically, removes orphaned briefs.
    @discardableResult
    public func write(_ plan: Plan) throws -> [Change] {
        let changes = try changes(plan)
        let contents = Dictionary(plan.files.map { ($0.path, $0.contents) }, uniquingKeysWith: { a, _ in a })
        for change in changes {
            switch change {
            case .created(let rel), .updated(let rel):
                try writeAtomically(contents[rel]!, to: directory.appendingPathComponent(rel))
            case .removed(let rel):
                try FileManager.default.removeItem(at: directory.appendingPathComponent(rel))
                removeEmptyFolders(above: directory.appendingPathComponent(rel))
            case .unchanged, .conflict:
                break
            }
        }
        return changes
    }

    /// After removing a brief, the folders it leaves empty go too (never the briefs folder itself).
    func removeEmptyFolders(above file: URL) {
        let fm = FileManager.default
        var dir = file.deletingLastPathComponent().standardizedFileURL
        while dir.path.hasPrefix(directory.standardizedFileURL.path + "/"),
              (try? fm.contentsOfDirectory(atPath: dir.path))?.isEmpty == true {
            try? fm.removeItem(at: dir)
            dir = dir.deletingLastPathComponent()
        }
    }

    /// Writes to a temporary file in the same folder, then renames it over the target: a reader
    /// sees the old file or the new one, never half of one.
    func writeAtomically(_ text: String, to url: URL) throws {
        let fm = FileManager.default
        try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        let temp = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).tmp-\(getpid())")
        guard fm.createFile(atPath: temp.path, contents: Data(text.utf8)) else {
            throw ToolError("cannot write '\(Workspace.relative(url, to: root))'", help: "check that the folder is writable")
        }
        if rename(temp.path, url.path) != 0 {
            try? fm.removeItem(at: temp)
            throw ToolError("cannot write '\(Workspace.relative(url, to: root))'", help: "check that the folder is writable")
        }
    }
}
