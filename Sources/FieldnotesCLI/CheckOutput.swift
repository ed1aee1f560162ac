import FieldnotesCore
import FieldnotesSupport
import Foundation

/// `check --select` and `--ignore`: each, when given, instead of the same list in fieldnotes.yml.
struct RuleChoice {
    var select: Set<Rule>?
    var ignore: Set<Rule>?

    init(_ parsed: ParsedArguments) throws {
        select = try RuleChoice.rules(parsed, "select")
        ignore = try RuleChoice.rules(parsed, "ignore")
    }

    /// The rules named by option `name`: names separated by commas, each a rule.
    private static func rules(_ parsed: ParsedArguments, _ name: String) throws -> Set<Rule>? {
        guard let text = parsed.values[name] else { return nil }
        let names = text.split(separator: ",").map { String($0).trimmingSpaces() }.filter { !$0.isEmpty }
        if names.isEmpty {
            throw UsageError(
                "'--\(name)' names no rule", command: "check", help: "e.g. --\(name) unanswered-question,stale-contact")
        }
        var rules: Set<Rule> = []
        for word in names {
            switch Config.rule(named: word) {
            case .success(let rule): rules.insert(rule)
            case .failure(let error):
                throw UsageError("unknown rule '\(word)' in '--\(name)'", command: "check", help: error.help)
            }
        }
        return rules
    }

    func apply(to config: inout Config) {
        if let select { config.select = select }
        if let ignore { config.ignore = ignore }
    }
}

/// Output held until the end of a run, in a temporary file that has no name (removed as soon as
/// it is made, so nothing is left behind), or in memory when no file can be made: JSON says
/// the totals before the diagnostics, and 10k accounts' diagnostics are a hundred megabytes.
/// Written from one queue at a time.
final class HeldOutput: @unchecked Sendable {
    private var fd: Int32 = -1
    /// Bytes in the file.
    private var onDisk = 0
    /// Bytes that did not go to the file.
    private var memory: [UInt8] = []

    init(temporaryFolder: String?) {
        let folder = temporaryFolder.flatMap { $0.isEmpty ? nil : $0 } ?? NSTemporaryDirectory()
        var template = Array((folder.hasSuffix("/") ? folder : folder + "/").utf8CString.dropLast())
        template += Array("fieldnotes-check-XXXXXX".utf8CString)
        fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        if fd >= 0 { template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) } }
    }

    deinit { if fd >= 0 { close(fd) } }

    func append(_ bytes: [UInt8]) {
        if fd >= 0 && memory.isEmpty {
            if FileSystem.writeAll(fd, bytes) {
                onDisk += bytes.count
                return
            }
            // The disk is full: what the file holds is read back, and the rest kept in memory.
            memory = read(onDisk)
            close(fd)
            fd = -1
            onDisk = 0
        }
        memory += bytes
    }

    /// Writes everything held to `output`, in blocks.
    func copy(to output: ([UInt8]) -> Void) {
        if fd >= 0 && onDisk > 0 {
            var offset = 0
            let block = 1 << 20
            while offset < onDisk {
                let part = read(min(block, onDisk - offset), at: offset)
                if part.isEmpty { break }
                output(part)
                offset += part.count
            }
        }
        if !memory.isEmpty { output(memory) }
    }

    private func read(_ count: Int, at offset: Int = 0) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: count)
        var done = 0
        while done < count {
            let n = out.withUnsafeMutableBytes { pread(fd, $0.baseAddress! + done, count - done, off_t(offset + done)) }
            if n <= 0 { break }
            done += n
        }
        return Array(out[..<done])
    }
}
