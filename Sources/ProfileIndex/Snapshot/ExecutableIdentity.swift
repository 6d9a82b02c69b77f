#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Which `sw` build is running, so that the index cache never reads a snapshot another build
/// wrote (its format may differ). A fact about this process, not about any file the user has:
/// the `sw` executable computes it and hands it to `IndexCache.live`.
package enum ExecutableIdentity {
    /// The build id, else the executable file's identity; nil when neither can be had.
    package static func current() -> [UInt8]? {
        buildID() ?? executableStatus()
    }

    /// The GNU build id the linker put in this executable (`--build-id`): a hash of the linked
    /// program, so every different build has its own. Read from the program headers in memory,
    /// found through the auxiliary vector, so it names the program itself even when it runs
    /// under a launcher such as valgrind (where /proc/self/exe is the launcher).
    static func buildID() -> [UInt8]? {
        let fd = open("/proc/self/auxv", O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var auxv = [UInt64](repeating: 0, count: 128)
        let n = auxv.withUnsafeMutableBytes { read(fd, $0.baseAddress!, $0.count) } / 8
        var phdr: UInt64 = 0, phnum: UInt64 = 0
        for i in stride(from: 0, to: n - 1, by: 2) {
            if auxv[i] == 3 { phdr = auxv[i + 1] }  // AT_PHDR
            if auxv[i] == 5 { phnum = auxv[i + 1] }  // AT_PHNUM
        }
        guard let headers = UnsafeRawPointer(bitPattern: UInt(phdr)) else { return nil }
        let entrySize = 56  // Elf64_Phdr: type, flags, offset, vaddr, paddr, filesz, memsz, align
        func header(_ i: Int) -> (type: UInt32, vaddr: Int, memsz: Int) {
            let h = headers + entrySize * i
            return (h.loadUnaligned(as: UInt32.self), Int(h.loadUnaligned(fromByteOffset: 16, as: UInt64.self)),
                    Int(h.loadUnaligned(fromByteOffset: 40, as: UInt64.self)))
        }
        // A position-independent executable is loaded at an offset: PT_PHDR tells which.
        var bias = 0
        for i in 0..<Int(phnum) where header(i).type == 6 { bias = Int(bitPattern: UInt(phdr)) - header(i).vaddr }
        for i in 0..<Int(phnum) where header(i).type == 4 {  // PT_NOTE
            guard var note = UnsafeRawPointer(bitPattern: bias + header(i).vaddr) else { continue }
            let end = note + header(i).memsz
            while note + 12 <= end {
                let nameSize = Int(note.loadUnaligned(as: UInt32.self))
                let descSize = Int(note.loadUnaligned(fromByteOffset: 4, as: UInt32.self))
                let type = note.loadUnaligned(fromByteOffset: 8, as: UInt32.self)
                let desc = note + 12 + (nameSize + 3) & ~3
                guard desc + descSize <= end else { break }
                if type == 3, nameSize == 4, (note + 12).loadUnaligned(as: UInt32.self) == 0x0055_4E47 {  // NT_GNU_BUILD_ID, "GNU\0"
                    return Array("build-id:".utf8) + Array(UnsafeRawBufferPointer(start: desc, count: descSize))
                }
                note = desc + (descSize + 3) & ~3
            }
        }
        return nil
    }

    /// Without a build id: the executable file's identity (a rebuild changes its inode or times).
    static func executableStatus() -> [UInt8]? {
        guard case .success(let status) = LocalFileSystem().status("/proc/self/exe") else { return nil }
        var identity = SnapshotWriter()
        for v in [Int(truncatingIfNeeded: status.device), Int(truncatingIfNeeded: status.inode), status.size,
                  status.modified / 1_000_000_000, status.modified % 1_000_000_000] {
            identity.u32(v)
            identity.u32(v >> 32)
        }
        return identity.bytes
    }
}
