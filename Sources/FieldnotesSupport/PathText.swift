/// Paths as text: one entry point per operation, bytes for ASCII paths and path components
/// otherwise. The plain versions they must agree with are in the tests (`FastPathTests`).
package enum PathText {
    /// `path` relative to `folder` when it is inside it, without the file name's extension, with
    /// empty components ("a//b", a trailing "/") left out: "accounts/emea/acme.md" under
    /// "accounts" is "emea/acme".
    package static func stem(_ path: String, under folder: String) -> String {
        // Non-ASCII paths by characters, so that differently composed spellings of a name compare equal.
        guard path.utf8.allSatisfy({ $0 < 0x80 }) && folder.utf8.allSatisfy({ $0 < 0x80 }) else {
            var parts = path.split(separator: "/").map(String.init)
            let prefix = folder.split(separator: "/").map(String.init)
            if parts.count > prefix.count, Array(parts.prefix(prefix.count)) == prefix {
                parts.removeFirst(prefix.count)
            }
            let name = parts.joined(separator: "/")
            if let dot = name.lastIndex(of: "."), !name[dot...].contains("/") { return String(name[..<dot]) }
            return name
        }
        let slash = UInt8(ascii: "/")
        let u = path.utf8
        let clean =
            u.first != slash && u.last != slash && !zip(u, u.dropFirst()).contains { $0 == slash && $1 == slash }
        var name = clean ? Substring(path) : Substring(path.split(separator: "/").joined(separator: "/"))
        if !folder.isEmpty && name.utf8.count > folder.utf8.count + 1 && name.utf8.starts(with: folder.utf8)
            && name.utf8.dropFirst(folder.utf8.count).first == slash
        {
            name = name[name.utf8.index(name.startIndex, offsetBy: folder.utf8.count + 1)...]
        }
        // Without the extension: from the last "." of the file name.
        if let dot = name.utf8.lastIndex(of: UInt8(ascii: ".")), !name.utf8[dot...].contains(slash) {
            name = name[..<dot]
        }
        return String(name)
    }
}
