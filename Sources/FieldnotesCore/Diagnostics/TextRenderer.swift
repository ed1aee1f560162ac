import FieldnotesSupport

/// Compiler-style text output: `path:line:col: severity[rule]: message`, the source line with
/// carets under the range, then `= help:` and `= note:` lines. Colour is applied last.
public struct TextRenderer: Sendable {
    public var color: Bool
    /// How a whole run is printed (`check`); the default prints every diagnostic and the totals.
    public var run: TextRunStyle

    /// On a terminal, the columns the help and notes are wrapped to, under their text (a hanging
    /// indent); nil: each on one line, as tools that read the output want it.
    public var width: Int?

    public init(color: Bool, run: TextRunStyle = TextRunStyle(), width: Int? = nil) {
        self.color = color
        self.run = run
        self.width = width
    }

    package enum Style: String {
        case bold = "1", red = "1;31", yellow = "1;33", cyan = "1;36", blue = "1;34", green = "1;32"
    }

    package func style(of severity: Severity) -> Style {
        switch severity {
        case .error: return .red
        case .warning: return .yellow
        case .note: return .green
        }
    }

    public func render(_ d: Diagnostic, in file: FileDiagnostics) -> String {
        var out = TextBuffer()
        render(d, in: file, into: &out)
        return out.text
    }

    /// Appends the rendering of `d` to `out` (one growing buffer of bytes: `check` renders thousands).
    package func render(_ d: Diagnostic, in file: FileDiagnostics, into out: inout TextBuffer) {
        let source = file.source
        let start = source.location(of: d.range.start)
        let severity = style(of: d.severity)
        headline(d, in: file, into: &out)
        if start.line <= source.lineCount, !source.bytes.isEmpty || d.range.end > 0 {
            snippet(d.range, in: source, style: severity, into: &out)
        }
        if let help = d.help {
            label("help", &out)
            indented(TerminalText.escapedKeepingLines(help), &out)
        }
        for note in d.notes {
            label("note", &out)
            var text = TerminalText.escaped(note.message)
            if let r = note.range {
                var at = TextBuffer()
                location(file.path, source.location(of: r.start), &at)
                text += " (" + at.text + ")"
            }
            indented(text, &out)
        }
    }

    /// The text of a `= help:` or `= note:` line, its lines under its first (a hanging indent),
    /// wrapped to `width` on a terminal; and a line break.
    private func indented(_ text: String, _ out: inout TextBuffer) {
        let indent = "\n          "
        if let width {
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false).flatMap { line in
                let wrapped = TextWrap.lines(
                    String(line), width: max(20, width - 10), measure: TextRenderer.displayWidth)
                return wrapped.isEmpty ? [""] : wrapped
            }
            out.write(lines.joined(separator: indent))
        } else {
            out.write(
                Bytes.contains(anyOf: [0x0A], in: text) ? text.replacingOccurrences(of: "\n", with: indent) : text)
        }
        out.write("\n")
    }

    /// `path:line:col: severity[rule]: message` and a line break: the first line of the full
    /// form, and all of the concise one.
    package func headline(_ d: Diagnostic, in file: FileDiagnostics, into out: inout TextBuffer) {
        open(.bold, &out)
        location(file.path, file.source.location(of: d.range.start), &out)
        out.write(":")
        close(&out)
        out.write(" ")
        open(style(of: d.severity), &out)
        out.write(d.severity.rawValue)
        if let rule = d.rule {
            out.write("[")
            out.write(rule.rawValue)
            out.write("]")
        }
        close(&out)
        open(.bold, &out)
        out.write(": ")
        out.write(TerminalText.escaped(d.message))
        close(&out)
        out.write("\n")
    }

    /// `path:line:col` (a path is shown escaped: a file name may hold any character but `/`).
    private func location(_ path: String, _ position: TextPosition, _ out: inout TextBuffer) {
        out.write(TerminalText.escaped(path))
        out.write(":")
        out.write(position.line)
        out.write(":")
        out.write(position.column)
    }

    private func open(_ style: Style, _ out: inout TextBuffer) {
        if color { out.write("\u{1B}["); out.write(style.rawValue); out.write("m") }
    }

    private func close(_ out: inout TextBuffer) {
        if color { out.write("\u{1B}[0m") }
    }

    /// `  = help: ` and `  = note: `.
    private func label(_ word: String, _ out: inout TextBuffer) {
        out.write("  ")
        open(.blue, &out)
        out.write("=")
        close(&out)
        out.write(" ")
        open(.bold, &out)
        out.write(word)
        close(&out)
        out.write(": ")
    }

    /// The first line of `range` with carets under it.
    package func snippet(_ range: SourceRange, in source: SourceFile, style: Style, into out: inout TextBuffer) {
        let lineIndex = source.lineIndex(of: range.start)
        let lineRange = source.lineRange(lineIndex)
        let line = source.bytes[lineRange]
        let number = lineIndex + 1
        let startByte = min(max(range.start, lineRange.lowerBound), lineRange.upperBound)
        let endByte = min(max(range.end, startByte), lineRange.upperBound)
        // Tabs are shown as four spaces, so the carets line up in any terminal; other control
        // characters escaped (`\u{1B}`), never sent raw.
        let special = line.withUnsafeBufferPointer(TerminalText.hasControl)
        func shown(_ bytes: ArraySlice<UInt8>) -> String {
            TerminalText.escapedControls(String(decoding: bytes, as: UTF8.self)).replacingOccurrences(
                of: "\t", with: "    ")
        }
        func width(_ bytes: ArraySlice<UInt8>) -> Int {
            guard special else {
                return Bytes.isASCII(bytes)
                    ? bytes.count : TextRenderer.displayWidth(String(decoding: bytes, as: UTF8.self))
            }
            if Bytes.isASCII(bytes) {
                let tabs = bytes.count(where: { $0 == 0x09 }),
                    controls = bytes.count(where: { $0 < 0x20 || $0 == 0x7F }) - tabs
                return bytes.count + 3 * tabs + (TerminalText.escapeWidth - 1) * controls
            }
            return TextRenderer.displayWidth(shown(bytes))
        }
        let pad = width(source.bytes[lineRange.lowerBound..<startByte])
        let carets = max(1, width(source.bytes[startByte..<endByte]))
        out.write("  ")
        open(.blue, &out)
        out.write(number)
        out.write(" |")
        close(&out)
        if !line.isEmpty {
            out.write(" ")
            if special { out.write(shown(line)) } else { out.write(line) }
        }
        out.write("\n  ")
        open(.blue, &out)
        out.write(" ", count: String(number).utf8.count)
        out.write(" |")
        close(&out)
        out.write(" ")
        out.write(" ", count: pad)
        open(style, &out)
        out.write("^", count: carets)
        close(&out)
        out.write("\n")
    }

    /// Terminal columns a text takes: wide East Asian characters and emoji take two, combining
    /// marks and joiners none, so carets line up under what they point at.
    package static func displayWidth(_ s: String) -> Int {
        var text = s
        if text.withUTF8(Bytes.isASCII) { return s.utf8.count }
        var width = 0
        for scalar in s.unicodeScalars {
            let v = scalar.value
            // Below the combining marks every character takes one column but the soft hyphen:
            // no need to look up its properties (slow, and most text is Latin).
            if v < 0x300 {
                if v != 0xAD { width += 1 }
                continue
            }
            switch scalar.properties.generalCategory {
            case .nonspacingMark, .enclosingMark, .format: continue
            default: break
            }
            if scalar.properties.isEmojiPresentation
                || (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v) || (0xAC00...0xD7A3).contains(v)
                || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v) || (0xFF00...0xFF60).contains(v)
                || (0xFFE0...0xFFE6).contains(v) || (0x20000...0x3FFFD).contains(v)
            {
                width += 2
            } else {
                width += 1
            }
        }
        return width
    }

    /// The totals, saying how many of the files checked have findings, so that a count of
    /// warnings never reads as if every file had some: `1 error, 12 warnings in 2 of 3 files`,
    /// `0 errors, 1 warning in 1 file` (one file checked), `no problems in 3 files`.
    public static func summaryLine(errors: Int, warnings: Int, notes: Int, filesWithFindings: Int, files: Int) -> String
    {
        func count(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
        if files == 0 { return "no files checked" }
        if errors + warnings + notes == 0 { return "no problems in " + count(files, "file") }
        var parts = [count(errors, "error"), count(warnings, "warning")]
        if notes > 0 { parts.append(count(notes, "note")) }
        let scope = files == 1 ? "1 file" : "\(filesWithFindings) of \(files) files"
        return parts.joined(separator: ", ") + " in " + scope
    }
}

extension TextRenderer {
    /// What the summary line adds when a baseline hid findings: ` (3 findings hidden by the baseline)`.
    public static func hiddenByBaseline(_ n: Int) -> String {
        n == 0 ? "" : " (\(n) finding\(n == 1 ? "" : "s") hidden by the baseline)"
    }
}

/// What the text format prints of a run besides each diagnostic.
public struct TextRunStyle: Sendable {
    /// The least serious severity printed in full (`check --quiet`: errors, with `--strict`
    /// warnings too).
    public var shown: Severity = .note
    /// Each file's warnings and notes that are not shown counted on one line, under "Not
    /// blocking": before a commit, what does not stop it stays out of the way.
    public var countsHidden = false
    /// The totals line, and the notes and hints nobody needs to act on (not with `--quiet`).
    public var summary = true
    /// Before a commit (`check --staged`): whether the commit goes ahead is said.
    public var commit: Commit?
    /// One line per finding (`--output-format concise`): no source line, help or notes.
    public var concise = false

    public struct Commit: Sendable {
        /// Warnings stop the commit too.
        public var strict: Bool
        /// Files checked as staged whose working copy has changes that are not staged.
        public var unstaged: [String]

        public init(strict: Bool, unstaged: [String]) {
            self.strict = strict
            self.unstaged = unstaged
        }
    }

    public init() {}
}

extension TextRenderer: DiagnosticRenderer {
    /// Prints the diagnostics of `file` that are shown; returns its "Not blocking" line, if any.
    package func render(_ file: FileDiagnostics, into out: inout TextBuffer) -> String {
        for d in file.diagnostics where d.severity <= run.shown {
            if run.concise {
                headline(d, in: file, into: &out)
            } else {
                render(d, in: file, into: &out)
                out.write("\n")
            }
        }
        guard run.countsHidden else { return "" }
        var warnings = 0, notes = 0
        for d in file.diagnostics where d.severity > run.shown {
            if d.severity == .warning { warnings += 1 } else if d.severity == .note { notes += 1 }
        }
        guard warnings + notes > 0 else { return "" }
        var parts: [String] = []
        if warnings > 0 { parts.append("\(warnings) \(warnings == 1 ? "warning" : "warnings")") }
        if notes > 0 { parts.append("\(notes) \(notes == 1 ? "note" : "notes")") }
        return "  \(TerminalText.escaped(file.path)): \(parts.joined(separator: ", "))\n"
    }

    package func finish(_ pending: [String], totals: DiagnosticTotals) -> String {
        // A commit that stages no notes: the hook has nothing to say.
        if run.commit != nil && totals.files == 0 { return "" }
        var out = ""
        let notBlocking = pending.joined()
        if !notBlocking.isEmpty {
            out += "Not blocking (see them with 'fieldnotes check FILE'):\n" + notBlocking + "\n"
        }
        if run.summary {
            // The rep may have fixed a note in the editor without 'git add': say what was checked.
            for path in run.commit?.unstaged ?? [] {
                out +=
                    "note: \(TerminalText.escaped(path)): checked as staged; the working copy has changes that are "
                    + "not staged ('git add' them to commit them)\n"
            }
            out +=
                TextRenderer.summaryLine(
                    errors: totals[.error], warnings: totals[.warning], notes: totals[.note],
                    filesWithFindings: totals.filesWithFindings, files: totals.files)
                + TextRenderer.hiddenByBaseline(totals.hiddenByBaseline) + "\n"
            // As ruff says what its --fix would fix: the rep need not correct typos by hand.
            if totals.fixable > 0 {
                let n = totals.fixable
                out +=
                    "\(n) of \(n == 1 ? "them has a fix" : "them have fixes") that 'fieldnotes fix' applies "
                    + "('fieldnotes fix --diff' shows \(n == 1 ? "it" : "them") first)\n"
            }
        }
        if let commit = run.commit {
            // What the rep sees in the terminal when git runs the pre-commit hook.
            if totals.failing(strict: commit.strict) {
                out +=
                    "The commit was stopped: fix the \(commit.strict ? "problems" : "errors") above, 'git add' the "
                    + "files, and commit again.\n"
            } else if totals[.warning] > 0 && run.summary {
                out += "Warnings do not stop the commit.\n"
            }
        }
        return out
    }
}
