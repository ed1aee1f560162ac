import FieldnotesSupport

/// One output format for diagnostics: text, JSON, SARIF or GitHub Actions annotations.
///
/// A run of thousands of files renders each file on the core that checked it, as bytes that are
/// written out in order while the next files are checked: memory then does not grow with the
/// number of files. A document (JSON, SARIF) is written the same way: its `opening`, each file's
/// items, then what `finish` returns. What a format can only say once every file is known (the
/// totals) it keeps from each file as a small `Pending` value, and `finish` puts them together.
package protocol DiagnosticRenderer: Sendable {
    /// What one file leaves for the end of the run.
    associatedtype Pending: Sendable

    /// Renders the diagnostics of `file`: what can be printed at once is appended to `out`,
    /// what must wait is returned.
    func render(_ file: FileDiagnostics, into out: inout TextBuffer) -> Pending

    /// What is printed after the last file: from every file's pending part, in file order, and
    /// the totals of the run.
    func finish(_ pending: [Pending], totals: DiagnosticTotals) -> String

    /// What is printed before the first file's output: the totals of the run when
    /// `openingNeedsTotals`, else nil (it is printed before any file is checked).
    func opening(_ totals: DiagnosticTotals?) -> String

    /// Whether the opening says the totals (JSON's summary comes before its diagnostics): the
    /// files' output then waits, on disk, until the run is over.
    var openingNeedsTotals: Bool { get }

    /// Bytes each file's output begins with that the first file's leaves out (the comma between
    /// the items of a list).
    var separatorBytes: Int { get }
}

extension DiagnosticRenderer {
    package func opening(_ totals: DiagnosticTotals?) -> String { "" }
    package var openingNeedsTotals: Bool { false }
    package var separatorBytes: Int { 0 }
}

/// The counts of a run, for the closing lines of a format and the exit status.
public struct DiagnosticTotals: Sendable {
    public var counts: [Severity: Int] = [:]
    /// Files with at least one diagnostic.
    public var filesWithFindings = 0
    /// Files checked.
    public var files = 0
    /// Findings not reported because the baseline holds them (`check --baseline`).
    public var hiddenByBaseline = 0
    /// Findings reported whose fix is safe: what `fieldnotes fix` would correct.
    public var fixable = 0

    public init(files: Int = 0) {
        self.files = files
    }

    public subscript(_ severity: Severity) -> Int { counts[severity] ?? 0 }

    /// Whether the run fails: any error, or with `strict` any warning.
    public func failing(strict: Bool) -> Bool {
        self[.error] > 0 || (strict && self[.warning] > 0)
    }
}
