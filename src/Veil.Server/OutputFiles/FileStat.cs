using System.Runtime.InteropServices;

namespace Veil.Server.OutputFiles;

/// <summary>
/// The file a path names, as the kernel sees it (symlinks followed): its device and inode, so two
/// paths are the same file whatever their spelling, symlinks or hard links, and its kind.
/// </summary>
internal readonly partial record struct FileStat(ulong Device, ulong Inode, FileKind Kind)
{
    public bool IsSameFile(FileStat other) => Device == other.Device && Inode == other.Inode;

    /// <summary>What <paramref name="path"/> names; null when nothing is there (or it cannot be seen).</summary>
    public static unsafe FileStat? Of(string path)
    {
        // statx(2) rather than stat(2): its struct has one layout on every architecture.
        //   offset 28: u16 stx_mode    32: u64 stx_ino    136: u32 stx_dev_major    140: u32 stx_dev_minor
        byte* buffer = stackalloc byte[StatxSize];
        if (Statx(AtCurrentDirectory, path, 0, StatxBasicStats, buffer) != 0) return null;
        ushort mode = *(ushort*)(buffer + 28);
        ulong inode = *(ulong*)(buffer + 32);
        ulong device = (ulong)*(uint*)(buffer + 136) << 32 | *(uint*)(buffer + 140);
        var kind = (mode & FileTypeMask) switch
        {
            RegularFile => FileKind.Regular,
            DirectoryFile => FileKind.Directory,
            _ => FileKind.Other,
        };
        return new FileStat(device, inode, kind);
    }

    private const int StatxSize = 256, AtCurrentDirectory = -100;
    private const uint StatxBasicStats = 0x7ff;
    private const int FileTypeMask = 0xF000, RegularFile = 0x8000, DirectoryFile = 0x4000;

    [LibraryImport("libc", EntryPoint = "statx", StringMarshalling = StringMarshalling.Utf8)]
    private static unsafe partial int Statx(int directory, string path, int flags, uint mask, byte* buffer);
}
