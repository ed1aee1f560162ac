import FieldnotesSupport

/// Splits an account file into its front matter (a range of lines) and its body.
public struct FrontMatterSplit: Sendable {
    /// 0-based lines between the opening and the closing `---`.
    public var yamlLines: Range<Int>
    /// 0-based first line of the body (after the closing marker).
    public var bodyStart: Int
    /// Range of the opening `---` line.
    public var openingRange: SourceRange

    /// Finds the front matter, or returns a diagnostic saying why there is none.
    public static func split(_ file: SourceFile) -> Result<FrontMatterSplit, Diagnostic> {
        guard let found = lines(of: file) else {
            return .failure(FrontMatterMissing.diagnostic(emptyFile: file.bytes.isEmpty, firstLine: file.lineRange(0)))
        }
        let opening = file.lineRange(0)
        if found.isClosed {
            return .success(
                FrontMatterSplit(
                    yamlLines: found.yaml, bodyStart: found.bodyStart,
                    openingRange: SourceRange(opening.lowerBound, opening.upperBound)))
        }
        return .failure(FrontMatterUnclosed.diagnostic(opening: SourceRange(opening.lowerBound, opening.upperBound)))
    }
}

extension FrontMatterSplit {
    /// Where the front matter's lines are, closed or not. The one place that recognizes the
    /// markers: the checker, the language server (which must read front matter still being typed)
    /// and `fieldnotes new` (which fills a template's fields) all find it here.
    package struct Lines: Sendable, Equatable {
        /// 0-based lines of the YAML: after the opening `---`, before the closing marker, or to
        /// the end while there is none.
        package var yaml: Range<Int>
        /// Whether a closing `---` or `...` line ends it.
        package var isClosed: Bool
        /// 0-based first line after the closing marker (the line count while unclosed).
        package var bodyStart: Int { isClosed ? yaml.upperBound + 1 : yaml.upperBound }
    }

    /// The front matter of `file`, or nil when its first line is not `---`.
    package static func lines(of file: SourceFile) -> Lines? {
        lines(count: file.lineCount) { file.bytes[file.lineRange($0)] }
    }

    /// The front matter among `count` lines (each without its line break), or nil when the first
    /// is not `---`.
    package static func lines<Line: Collection<UInt8>>(count: Int, line: (Int) -> Line) -> Lines? {
        guard count > 0, isMarker(line(0), "---") else { return nil }
        var i = 1
        while i < count {
            let text = line(i)
            if isMarker(text, "---") || isMarker(text, "...") { return Lines(yaml: 1..<i, isClosed: true) }
            i += 1
        }
        return Lines(yaml: 1..<count, isClosed: false)
    }

    /// The line is `chars` (three bytes), perhaps followed by spaces or tabs.
    private static func isMarker<Line: Collection<UInt8>>(_ line: Line, _ chars: StaticString) -> Bool {
        guard line.count >= 3 else { return false }
        let marker = chars.utf8Start
        var k = 0
        for b in line {
            if k < 3 ? b != marker[k] : !Bytes.isSpace(b) { return false }
            k += 1
        }
        return true
    }
}
