using System.Runtime.InteropServices;

namespace FastNet.Serialization;

/// <summary>Finds the <see cref="FileKind"/> of a path and the identity (device, inode) of the file it names.</summary>
internal static partial class FileProbe
{
    private const int AtCurrentFolder = -100;
    private const uint TypeModeLinksAndInode = 0x1 | 0x2 | 0x4 | 0x100;   // STATX_TYPE | STATX_MODE | STATX_NLINK | STATX_INO
    private const int StatxSize = 256;
    private static bool s_unavailable;

    /// <summary>The kind of file <paramref name="path"/> names (symbolic links followed).</summary>
    public static FileKind Of(string path) => Query(path).Kind;

    /// <summary>How many names (hard links) the file <paramref name="path"/> names has; null where that is unknown.</summary>
    public static uint? LinkCount(string path) => Probe(path).Links;

    /// <summary>
    /// The kind of file and its identity: the device and inode on Linux (so hard links and symbolic links to one file
    /// compare equal), else null.
    /// </summary>
    public static (FileKind Kind, (ulong Device, ulong Inode)? Identity) Query(string path)
    {
        if (Directory.Exists(path)) return (FileKind.Folder, Probe(path).Identity);
        if (!File.Exists(path)) return (FileKind.Missing, null);
        (ushort? mode, _, (ulong, ulong)? identity) = Probe(path);
        const int TypeMask = 0xF000, Regular = 0x8000;
        return (mode is { } m && (m & TypeMask) != Regular ? FileKind.Special : FileKind.Regular, identity);
    }

    // statx(2) has one layout on every Linux architecture: link count (u32) at byte 16, mode (u16) at 28, inode (u64)
    // at 32, device major and minor (u32 each) at 136 and 140. Elsewhere, or where libc lacks it, the answer is
    // "unknown" (null).
    private static unsafe (ushort? Mode, uint? Links, (ulong, ulong)? Identity) Probe(string path)
    {
        if (!OperatingSystem.IsLinux() || s_unavailable) return (null, null, null);
        byte* buffer = stackalloc byte[StatxSize];
        try
        {
            if (Statx(AtCurrentFolder, path, 0, TypeModeLinksAndInode, buffer) != 0) return (null, null, null);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            s_unavailable = true;
            return (null, null, null);
        }
        uint links = *(uint*)(buffer + 16);
        ushort mode = *(ushort*)(buffer + 28);
        ulong inode = *(ulong*)(buffer + 32);
        ulong device = ((ulong)*(uint*)(buffer + 136) << 32) | *(uint*)(buffer + 140);
        return (mode, links, (device, inode));
    }

    [LibraryImport("libc", EntryPoint = "statx", StringMarshalling = StringMarshalling.Utf8)]
    private static unsafe partial int Statx(int folder, string path, int flags, uint mask, byte* buffer);
}
