using System.Runtime.InteropServices;

namespace FastNet.Serialization;

/// <summary>Finds the <see cref="FileKind"/> of a path and the identity (device, inode) of the file it names.</summary>
internal static partial class FileProbe
{
    private const int AtCurrentFolder = -100;
    private const uint TypeModeAndInode = 0x1 | 0x2 | 0x100;   // STATX_TYPE | STATX_MODE | STATX_INO
    private const int StatxSize = 256;
    private static bool s_unavailable;

    /// <summary>The kind of file <paramref name="path"/> names (symbolic links followed).</summary>
    public static FileKind Of(string path) => Query(path).Kind;

    /// <summary>
    /// The kind of file and its identity: the device and inode on Linux (so hard links and symbolic links to one file
    /// compare equal), else null.
    /// </summary>
    public static (FileKind Kind, (ulong Device, ulong Inode)? Identity) Query(string path)
    {
        if (Directory.Exists(path)) return (FileKind.Folder, Identity(path).Identity);
        if (!File.Exists(path)) return (FileKind.Missing, null);
        (ushort? mode, (ulong, ulong)? identity) = Identity(path);
        const int TypeMask = 0xF000, Regular = 0x8000;
        return (mode is { } m && (m & TypeMask) != Regular ? FileKind.Special : FileKind.Regular, identity);
    }

    // statx(2) has one layout on every Linux architecture: mode (u16) at byte 28, inode (u64) at 32, device major and
    // minor (u32 each) at 136 and 140. Elsewhere, or where libc lacks it, the answer is "unknown" (null).
    private static unsafe (ushort? Mode, (ulong, ulong)? Identity) Identity(string path)
    {
        if (!OperatingSystem.IsLinux() || s_unavailable) return (null, null);
        byte* buffer = stackalloc byte[StatxSize];
        try
        {
            if (Statx(AtCurrentFolder, path, 0, TypeModeAndInode, buffer) != 0) return (null, null);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            s_unavailable = true;
            return (null, null);
        }
        ushort mode = *(ushort*)(buffer + 28);
        ulong inode = *(ulong*)(buffer + 32);
        ulong device = ((ulong)*(uint*)(buffer + 136) << 32) | *(uint*)(buffer + 140);
        return (mode, (device, inode));
    }

    [LibraryImport("libc", EntryPoint = "statx", StringMarshalling = StringMarshalling.Utf8)]
    private static unsafe partial int Statx(int folder, string path, int flags, uint mask, byte* buffer);
}
