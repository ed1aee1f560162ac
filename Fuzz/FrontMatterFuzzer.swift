// libFuzzer target: the YAML subset parser on arbitrary bytes, as front matter and as a whole file.
// Built with Fuzz/run; libFuzzer provides main().

import FieldnotesCore
import FieldnotesSupport

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzFrontMatter(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let file = SourceFile(path: "fuzz.md", text: String(decoding: bytes, as: UTF8.self))
    for markers in [false, true] {
        let document = YAMLParser.parse(file, lines: 0..<file.lineCount, documentMarkers: markers)
        for issue in document.issues {
            precondition(
                issue.range.start >= 0 && issue.range.start <= issue.range.end && issue.range.end <= file.bytes.count,
                "issue range outside the file")
        }
        if let root = document.root {
            _ = JSONWriter.compact(root.json())
            _ = root.dump(in: file)
        }
    }
    return 0
}
