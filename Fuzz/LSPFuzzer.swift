import FieldnotesCore
import FieldnotesLSP
import FieldnotesSupport
import Foundation

// libFuzzer target: the language server fed arbitrary bytes, as frames and as message bodies,
// then asked for completion, hover and code actions at positions taken from the input.
// Built with Fuzz/run; libFuzzer provides main().

/// A notes repository for the fuzzed document (its config is the default), made once.
let fuzzNotesPath: String = {
    let root = "/tmp/fieldnotes-fuzz"
    try? FileManager.default.createDirectory(atPath: root + "/accounts", withIntermediateDirectories: true)
    _ = FileManager.default.createFile(
        atPath: root + "/fieldnotes.yml", contents: Data("accounts: accounts/**/*.md\n".utf8))
    return root + "/accounts/fuzz.md"
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzLSP(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let server = LanguageServer(today: { Day(year: 2026, month: 11, day: 20)! }, debounce: 0)
    var responses = 0
    server.send = { _ in responses += 1 }
    server.receive(Array(#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}"#.utf8))
    // 1. The bytes as a raw stream: the framer must never loop or trap.
    var framer = MessageFramer()
    framer.append(bytes)
    var frames = 0
    while let frame = framer.next(), frames < 1000 {
        frames += 1
        if case .message(let body) = frame { server.receive(body) } else { break }
    }
    // 2. The bytes as a message body.
    server.receive(bytes)
    // 3. The bytes as a document, then editor requests at positions derived from them.
    let text = String(decoding: bytes, as: UTF8.self)
    let uri = "file://" + fuzzNotesPath
    let open: JSONValue = .object([
        ("jsonrpc", .string("2.0")), ("method", .string("textDocument/didOpen")),
        (
            "params",
            .object([
                (
                    "textDocument",
                    .object([
                        ("uri", .string(uri)), ("languageId", .string("markdown")), ("version", .int(1)),
                        ("text", .string(text)),
                    ])
                )
            ])
        ),
    ])
    server.receive(Array(JSONWriter.compact(open).utf8))
    server.flush(now: .infinity)
    for (k, method) in ["textDocument/completion", "textDocument/hover", "textDocument/codeAction"].enumerated() {
        let line = size > k ? Int(bytes[k] % 64) : 0
        let character = size > k + 3 ? Int(bytes[k + 3]) : 0
        let position: JSONValue = .object([("line", .int(line)), ("character", .int(character))])
        let params: JSONValue = .object([
            ("textDocument", .object([("uri", .string(uri))])), ("position", position),
            ("range", .object([("start", position), ("end", position)])), ("context", .object([])),
        ])
        let request: JSONValue = .object([
            ("jsonrpc", .string("2.0")), ("id", .int(10 + k)), ("method", .string(method)), ("params", params),
        ])
        server.receive(Array(JSONWriter.compact(request).utf8))
    }
    // 4. An incremental edit at a position from the input.
    let edit: JSONValue = .object([
        ("jsonrpc", .string("2.0")), ("method", .string("textDocument/didChange")),
        (
            "params",
            .object([
                ("textDocument", .object([("uri", .string(uri)), ("version", .int(2))])),
                (
                    "contentChanges",
                    .array([
                        .object([
                            (
                                "range",
                                .object([
                                    (
                                        "start",
                                        .object([
                                            ("line", .int(size > 1 ? Int(bytes[1] % 32) : 0)),
                                            ("character", .int(size > 2 ? Int(bytes[2]) : 0)),
                                        ])
                                    ),
                                    (
                                        "end",
                                        .object([
                                            ("line", .int(size > 5 ? Int(bytes[5] % 32) : 0)),
                                            ("character", .int(size > 6 ? Int(bytes[6]) : 0)),
                                        ])
                                    ),
                                ])
                            ),
                            ("text", .string("Zoë 😀\n")),
                        ])
                    ])
                ),
            ])
        ),
    ])
    server.receive(Array(JSONWriter.compact(edit).utf8))
    server.flush(now: .infinity)
    precondition(responses > 0, "the server answered nothing")
    return 0
}
