// libFuzzer target: the whole check of one account file, rendered as text and JSON.
// Built with Fuzz/run; libFuzzer provides main().

import FieldnotesCore
import FieldnotesSupport

let fuzzContext = CheckContext(config: Config(), checklist: .builtIn, asOf: Day(year: 2026, month: 11, day: 20)!)

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCheck(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let report = Checker.check(FileReader.decode(bytes, displayPath: "fuzz.md"), path: "fuzz.md", context: fuzzContext)
    let file = report.fileDiagnostics
    for d in report.diagnostics {
        precondition(
            d.range.start >= 0 && d.range.start <= d.range.end && d.range.end <= report.source.bytes.count,
            "diagnostic range outside the file")
        _ = TextRenderer(color: true).render(d, in: file)
    }
    _ = JSONRenderer.render([file], fileCount: 1)
    return 0
}
