import Foundation

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
    package struct CreateFailure: Error, Equatable {
        package var path: String
        package var code: Int32
    }

    /// What an error number means, in words (lowercase, no final period).
    package static func reason(_ code: Int32) -> String {
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
    package static func remedy(_ code: Int32, path: String) -> String? {
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
    package static func createNew(_ path: String, bytes: [UInt8], permissions: mode_t? = nil, shown: String) throws {
        try InterruptCleanup.during { try linkNew(path, bytes: bytes, permissions: permissions, shown: shown) }
    }

    private static func linkNew(_ path: String, bytes: [UInt8], permissions: mode_t?, shown: String) throws {
        let folder = parent(of: path)
        let temp = try writeTemporary(in: folder, permissions: permissions, shown: shown) { writeAll($0, bytes) }
        defer {
            unlink(temp)
            InterruptCleanup.written(temp)
        }
        if link(temp, path) == 0 { return }
        let code = errno
        switch code {
        case EPERM, ENOTSUP, EOPNOTSUPP, EXDEV, EMLINK, ENOSYS:
            // No hard links here (some network and FUSE file systems): exclusive creation instead.
            try createExclusive(path, permissions: permissions, shown: shown) { writeAll($0, bytes) }
        default:
            throw CreateFailure(path: shown, code: code)
        }
    }

    /// Replaces the regular file at `path` with `bytes` in one step (a temporary file renamed
    /// over it), so that a reader sees the old or the new text, never a mix.
    /// The temporary file is flushed to disk before the rename (unless `durable` is false: a file
    /// that checks itself when read, as the history's caches do, need not wait for the disk), and
    /// removed if SIGINT or SIGTERM comes meanwhile (`InterruptCleanup`).
    package static func replace(
        _ path: String, bytes: [UInt8], permissions: mode_t? = nil, durable: Bool = true, shown: String
    ) throws {
        try replace(path, permissions: permissions, durable: durable, shown: shown) { writeAll($0, bytes) }
    }

    /// `replace`, the file's bytes written by `write` to the open file descriptor it is given (it
    /// returns false when a write failed, `errno` saying why): a file of tens of megabytes is
    /// written a block at a time, never held whole.
    package static func replace(
        _ path: String, permissions: mode_t? = nil, durable: Bool = true, shown: String,
        writing write: (Int32) -> Bool
    ) throws {
        try InterruptCleanup.during {
            try renameNew(path, permissions: permissions, durable: durable, shown: shown, write: write)
        }
    }

    /// Replaces a file of the user's (a note, a baseline) in one step, as `replace` does, keeping
    /// what it is: written where a symbolic link leads (the link stays a link), with the
    /// permissions it had. Returns the path written.
    @discardableResult
    package static func replaceKeeping(_ path: String, bytes: [UInt8], shown: String) throws -> String {
        let target = realPath(path) ?? path
        var st = stat()
        let permissions = stat(target, &st) == 0 ? st.st_mode & 0o7777 : nil
        try replace(target, bytes: bytes, permissions: permissions, shown: shown)
        return target
    }

    private static func renameNew(
        _ path: String, permissions: mode_t?, durable: Bool = true, shown: String, write: (Int32) -> Bool
    ) throws {
        let temp = try writeTemporary(
            in: parent(of: path), permissions: permissions, sync: durable, shown: shown, write: write)
        defer { InterruptCleanup.written(temp) }
        if rename(temp, path) != 0 {
            let code = errno
            unlink(temp)
            throw CreateFailure(path: shown, code: code)
        }
    }

    /// Creates the folder `path` and those above it that are missing; an existing folder (or a
    /// link to one) is fine. Returns the folders it created, outermost first.
    @discardableResult
    package static func createFolders(_ path: String, shown: String) throws -> [String] {
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
    package static func folderObstacle(_ path: String) -> (path: String, why: String)? {
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
    package static func parent(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    // MARK: - Temporary files

    /// How every temporary file fieldnotes writes is named: `.fieldnotes-PID-RANDOM.tmp`, in the
    /// folder of the file it becomes. Short whatever the target's name (it always fits the file
    /// system's limit), hidden, and with the id of the process that writes it, so that a later
    /// run can tell a leftover of a killed process from a file being written right now.
    package static let temporaryPrefix = ".fieldnotes-"
    package static let temporarySuffix = ".tmp"

    /// A fresh temporary name for process `pid`.
    package static func temporaryName(pid: Int32 = getpid()) -> String {
        "\(temporaryPrefix)\(pid)-\(String(UInt64.random(in: 0...UInt64.max), radix: 36))\(temporarySuffix)"
    }

    /// The process id in a temporary name, or nil when `name` is not one.
    package static func temporaryOwner(_ name: String) -> Int32? {
        guard name.hasPrefix(temporaryPrefix), name.hasSuffix(temporarySuffix) else { return nil }
        let middle = name.dropFirst(temporaryPrefix.count).dropLast(temporarySuffix.count)
        guard let dash = middle.firstIndex(of: "-"), let pid = Int32(middle[..<dash]), pid > 0,
            !middle[middle.index(after: dash)...].isEmpty,
            middle[middle.index(after: dash)...].allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) })
        else { return nil }
        return pid
    }

    /// Whether `name` is a temporary file of a process that is no longer running (killed before
    /// it could clean up): its process id is no process, or is this process's own (then it is
    /// from an earlier process with the same id, as this process names each of its files anew).
    package static func isStaleTemporary(_ name: String) -> Bool {
        guard let pid = temporaryOwner(name) else { return false }
        if pid == getpid() { return true }
        return kill(pid, 0) != 0 && errno == ESRCH
    }

    /// Writes a new file (`write` writes its bytes) with a name of its own in `folder` (flushed to disk, so that
    /// a rename or link of it never publishes an empty file after a crash); returns its path. It
    /// is the file in flight for `InterruptCleanup` until the caller says otherwise.
    private static func writeTemporary(
        in folder: String, permissions: mode_t?, sync: Bool = true, shown: String, write: (Int32) -> Bool
    ) throws -> String {
        var attempts = 0
        while true {
            let temp = folder + "/" + temporaryName()
            InterruptCleanup.writing(temp)
            do {
                try createExclusive(temp, permissions: permissions, sync: sync, shown: shown, write: write)
                return temp
            } catch let failure as CreateFailure where failure.code == EEXIST && attempts < 8 {
                InterruptCleanup.written(temp)
                attempts += 1
            } catch {
                InterruptCleanup.written(temp)
                throw error
            }
        }
    }

    /// `open(O_CREAT|O_EXCL)` and `write` (and `fsync` when `sync`); the file is removed again
    /// when writing fails.
    private static func createExclusive(
        _ path: String, permissions: mode_t?, sync: Bool = false, shown: String, write: (Int32) -> Bool
    ) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, permissions ?? 0o666)
        guard fd >= 0 else { throw CreateFailure(path: shown, code: errno) }
        var code: Int32 = 0
        if let permissions, fchmod(fd, permissions) != 0 { code = errno }
        if code == 0 && !write(fd) { code = errno }
        if code == 0 && sync && fsync(fd) != 0 { code = errno }
        if close(fd) != 0 && code == 0 && errno != EINTR { code = errno }
        if code != 0 {
            unlink(path)
            throw CreateFailure(path: shown, code: code)
        }
    }

    /// The identity of the file at `path` (links followed): two paths with one identity are one
    /// file, whatever their bytes (a file system that folds case or accents). Nil when nothing is there.
    package static func identity(_ path: String) -> FileIdentity? {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        return FileIdentity(device: UInt64(st.st_dev), inode: UInt64(st.st_ino))
    }

    package struct FileIdentity: Hashable, Sendable {
        package var device: UInt64
        package var inode: UInt64
    }
}

/// While files are written, SIGINT and SIGTERM remove the temporary file in flight (the one
/// `FileSystem.replace` or `createNew` is writing) and end the process with status 128 + the
/// signal (130, 143): an interrupted run leaves no stray file behind. A signal that was ignored
/// (a run under `nohup`) stays ignored, and the previous actions are put back afterwards.
/// Only what a signal handler may do is done there: `unlink` and `_exit`. Several files may be in
/// flight at once (a report written while the history's caches are, on threads of their own):
/// each has a slot of its own, up to `slots` of them.
package enum InterruptCleanup {
    private static let lock = NSLock()
    /// How many `during` calls are running; the handlers are installed while it is above 0.
    nonisolated(unsafe) private static var depth = 0
    nonisolated(unsafe) private static var previous: [(Int32, sigaction)] = []
    /// Every path handed to the handler, freed once the handler is gone (the handler may still
    /// be reading one when the next file starts).
    nonisolated(unsafe) private static var paths: [UnsafeMutablePointer<CChar>] = []

    package static let signals = [SIGINT, SIGTERM]

    /// Runs `body` with the handlers installed (nested calls share them).
    package static func during<T>(_ body: () throws -> T) rethrows -> T {
        install()
        defer { uninstall() }
        return try body()
    }

    package static func install() {
        lock.lock()
        defer { lock.unlock() }
        depth += 1
        guard depth == 1 else { return }
        // The slots are made here, never first in the handler (which may not allocate).
        _ = temporariesInFlight
        for sig in signals {
            var old = sigaction()
            guard sigaction(sig, nil, &old) == 0, !isIgnored(old) else { continue }
            var action = sigaction()
            setHandler(&action, removeTemporaryAndExit)
            sigemptyset(&action.sa_mask)
            action.sa_flags = 0
            if sigaction(sig, &action, nil) == 0 { previous.append((sig, old)) }
        }
    }

    package static func uninstall() {
        lock.lock()
        defer { lock.unlock() }
        depth -= 1
        guard depth == 0 else { return }
        for (sig, old) in previous {
            var old = old
            sigaction(sig, &old, nil)
        }
        previous = []
        for i in 0..<slots { temporariesInFlight[i] = nil }
        for p in paths { free(p) }
        paths = []
    }

    /// The temporary files written at once that a signal removes (more are written, not removed).
    package static let slots = 16

    /// A temporary file is being written. Nothing is kept while no handler is installed.
    package static func writing(_ path: String) {
        lock.lock()
        defer { lock.unlock() }
        guard depth > 0, let free = (0..<slots).first(where: { temporariesInFlight[$0] == nil }),
            let copy = strdup(path)
        else { return }
        paths.append(copy)
        temporariesInFlight[free] = copy
    }

    /// The temporary file `path` is written (renamed, linked or removed): a signal leaves it.
    package static func written(_ path: String) {
        lock.lock()
        defer { lock.unlock() }
        for i in 0..<slots {
            if let p = temporariesInFlight[i], strcmp(p, path) == 0 { temporariesInFlight[i] = nil }
        }
    }

    /// Whether `path` is a temporary file a signal would remove now.
    package static func isInFlight(_ path: String) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        return (0..<slots).contains { temporariesInFlight[$0].map { strcmp($0, path) == 0 } ?? false }
    }

    /// Whether `action` ignores its signal (SIG_IGN).
    package static func isIgnored(_ action: sigaction) -> Bool {
        #if canImport(Darwin)
            let handler = action.__sigaction_u.__sa_handler
        #else
            let handler = action.__sigaction_handler.sa_handler
        #endif
        return unsafeBitCast(handler, to: Int.self) == unsafeBitCast(SIG_IGN, to: Int.self)
    }

    private static func setHandler(_ action: inout sigaction, _ handler: @convention(c) (Int32) -> Void) {
        #if canImport(Darwin)
            action.__sigaction_u.__sa_handler = handler
        #else
            action.__sigaction_handler.sa_handler = handler
        #endif
    }
}

/// The temporary files being written, for the signal handler: a fixed block of slots it reads
/// without allocating (a slot is a pointer, set and cleared whole).
nonisolated(unsafe) private let temporariesInFlight: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?> = {
    let slots = UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>.allocate(capacity: InterruptCleanup.slots)
    slots.initialize(repeating: nil, count: InterruptCleanup.slots)
    return slots
}()

private func removeTemporaryAndExit(_ sig: Int32) {
    for i in 0..<InterruptCleanup.slots {
        if let path = temporariesInFlight[i] { unlink(path) }
    }
    _exit(128 + sig)
}
