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
        /// The line is `chars` (three bytes), perhaps followed by spaces or tabs.
        func isMarker(_ i: Int, _ chars: StaticString) -> Bool {
            let line = file.lineRange(i)
            guard line.count >= 3 else { return false }
            let marker = chars.utf8Start
            for k in 0..<3 where file.bytes[line.lowerBound + k] != marker[k] { return false }
            return file.bytes[(line.lowerBound + 3)..<line.upperBound].allSatisfy(Bytes.isSpace)
        }
        guard file.lineCount > 0, isMarker(0, "---") else {
            return .failure(FrontMatterMissing.diagnostic(emptyFile: file.bytes.isEmpty, firstLine: file.lineRange(0)))
        }
        let opening = file.lineRange(0)
        var i = 1
        while i < file.lineCount {
            if isMarker(i, "---") || isMarker(i, "...") {
                return .success(
                    FrontMatterSplit(
                        yamlLines: 1..<i, bodyStart: i + 1,
                        openingRange: SourceRange(opening.lowerBound, opening.upperBound)))
            }
            i += 1
        }
        return .failure(FrontMatterUnclosed.diagnostic(opening: SourceRange(opening.lowerBound, opening.upperBound)))
    }
}
