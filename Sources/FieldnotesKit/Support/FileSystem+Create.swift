#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Creating files that must not already exist, and folders, with errors a person can act on.
///
/// A new file is written whole under a temporary name in its folder, then hard-linked to its
/// name: `link` fails when anything is there (a file, a folder, a dangling symbolic link), so two
/// writers racing for one name cannot both succeed, nothing is followed, and the file never
/// appears half-written. Where the file system has no hard links, `open(O_CREAT|O_EXCL)` does
/// the same check.
extension FileSystem {
    /// Why something could not be created: the path (as shown to the user) and the system's error.
    struct CreateFailure: Error, Equatable {
        var path: String
        var code: Int32

        /// The message and help for the user.
        var toolError: ToolError {
            ToolError("cannot create '\(path)': \(FileSystem.reason(code))", help: FileSystem.remedy(code, path: path))
        }
    }

    /// What an error number means, in words (lowercase, no final period).
    static func reason(_ code: Int32) -> String {
        switch code {
        case EEXIST: return "it already exists"
        case EACCES, EPERM: return "permission denied"
        case ENAMETOOLONG: return "the name is too long for the file system"
        case ENOSPC: return "no space left on the device"
        case EDQUOT: return "the disk quota is exceeded"
        case EROFS: return "the file system is read-only"
        case ENOTDIR: return "a file is in the way of one of its folders"
        case ENOENT: return "a folder on the way does not exist"
        case ELOOP: return "too many symbolic links on the way"
        case EISDIR: return "a folder is in the way"
        default: return String(cString: strerror(code))
        }
    }

    /// What to do about it.
    static func remedy(_ code: Int32, path: String) -> String? {
        switch code {
        case EEXIST: return "fieldnotes never overwrites a file; move it away or choose another name"
        case EACCES, EPERM: return "check that you may write to the folder of '\(path)'"
        case ENAMETOOLONG: return "choose a shorter name or a folder with a shorter path"
        case ENOSPC, EDQUOT: return "free some space and run the command again"
        case EROFS: return "run the command in a folder you can write to"
        case ENOTDIR: return "a file stands where a folder is needed; move it away"
        default: return nil
        }
    }

    /// Creates `path` with `bytes`; fails with `EEXIST` when anything is at `path` (a dangling
    /// symbolic link included), and leaves nothing behind on failure.
    /// - Parameters:
    ///   - permissions: set exactly (e.g. 0o755 for a hook); nil: 0o666 less the umask.
    ///   - shown: the path as the user should read it in an error.
    static func createNew(_ path: String, bytes: [UInt8], permissions: mode_t? = nil, shown: String) throws {
        let folder = parent(of: path)
        let temp = try writeTemporary(in: folder, bytes: bytes, permissions: permissions, shown: shown)
        defer { unlink(temp) }
        if link(temp, path) == 0 { return }
        let code = errno
        switch code {
        case EPERM, ENOTSUP, EOPNOTSUPP, EXDEV, EMLINK, ENOSYS:
            // No hard links here (some network and FUSE file systems): exclusive creation instead.
            try createExclusive(path, bytes: bytes, permissions: permissions, shown: shown)
        default:
            throw CreateFailure(path: shown, code: code)
        }
    }

    /// Replaces the regular file at `path` with `bytes` in one step (a temporary file renamed
    /// over it), so that a reader sees the old or the new text, never a mix.
    static func replace(_ path: String, bytes: [UInt8], permissions: mode_t? = nil, shown: String) throws {
        let temp = try writeTemporary(in: parent(of: path), bytes: bytes, permissions: permissions, shown: shown)
        if rename(temp, path) != 0 {
            let code = errno
            unlink(temp)
            throw CreateFailure(path: shown, code: code)
        }
    }

    /// Creates the folder `path` and those above it that are missing; an existing folder (or a
    /// link to one) is fine. Returns the folders it created, outermost first.
    @discardableResult
    static func createFolders(_ path: String, shown: String) throws -> [String] {
        var missing: [String] = []
        var current = path
        while !current.isEmpty && current != "/" {
            var st = stat()
            if stat(current, &st) == 0 {
                guard st.st_mode & S_IFMT == S_IFDIR else { throw CreateFailure(path: shown, code: ENOTDIR) }
                break
            }
            guard errno == ENOENT else { throw CreateFailure(path: shown, code: errno) }
            missing.append(current)
            current = parent(of: current)
        }
        var created: [String] = []
        for folder in missing.reversed() {
            if mkdir(folder, 0o777) != 0 {
                let code = errno
                // Another process may have made it in the meantime: a folder is all we need.
                if code == EEXIST, kind(folder) == .directory { continue }
                throw CreateFailure(path: shown, code: code)
            }
            created.append(folder)
        }
        return created
    }

    /// What stands in the way of a folder at `path`: nil when it is a folder (or a link to one)
    /// or absent along with what is missing above it; else the path in the way and why.
    static func folderObstacle(_ path: String) -> (path: String, why: String)? {
        var current = path
        while !current.isEmpty && current != "/" {
            var st = stat()
            if stat(current, &st) == 0 {
                return st.st_mode & S_IFMT == S_IFDIR ? nil : (current, "is a file, not a folder")
            }
            let code = errno
            if code != ENOENT { return (current, "cannot be used as a folder: \(reason(code))") }
            if kindOfLink(current) == .symbolicLink { return (current, "is a symbolic link to nothing") }
            current = parent(of: current)
        }
        return nil
    }

    /// The folder of `path` ("." for a bare name).
    static func parent(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    /// Writes `bytes` to a new file with a name of its own in `folder`; returns its path.
    private static func writeTemporary(in folder: String, bytes: [UInt8], permissions: mode_t?, shown: String) throws -> String {
        var attempts = 0
        while true {
            let temp = "\(folder)/.fieldnotes-\(getpid())-\(String(UInt64.random(in: 0...UInt64.max), radix: 36)).tmp"
            do {
                try createExclusive(temp, bytes: bytes, permissions: permissions, shown: shown)
                return temp
            } catch let failure as CreateFailure where failure.code == EEXIST && attempts < 8 {
                attempts += 1
            }
        }
    }

    /// `open(O_CREAT|O_EXCL)` and write; the file is removed again when writing fails.
    private static func createExclusive(_ path: String, bytes: [UInt8], permissions: mode_t?, shown: String) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, permissions ?? 0o666)
        guard fd >= 0 else { throw CreateFailure(path: shown, code: errno) }
        var code: Int32 = 0
        if let permissions, fchmod(fd, permissions) != 0 { code = errno }
        var offset = 0
        while code == 0 && offset < bytes.count {
            let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + offset, bytes.count - offset) }
            if n < 0 {
                if errno == EINTR { continue }
                code = errno
            } else {
                offset += n
            }
        }
        if close(fd) != 0 && code == 0 && errno != EINTR { code = errno }
        if code != 0 {
            unlink(path)
            throw CreateFailure(path: shown, code: code)
        }
    }
}
