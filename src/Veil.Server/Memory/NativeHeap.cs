using System.Runtime.InteropServices;

namespace Veil.Server.Memory;

/// <summary>
/// glibc's malloc, which FFmpeg, ONNX Runtime and OpenCV allocate from on many threads. By default
/// it keeps up to eight arenas per core and gives a freed block back to its arena, not to the
/// system, so the memory of ended streams stays spread over arenas. Elsewhere (musl, macOS,
/// Windows) both calls do nothing.
/// </summary>
internal static partial class NativeHeap
{
    private const int ArenaMaxOption = -8; // M_ARENA_MAX in malloc.h

    private static bool _unavailable = !OperatingSystem.IsLinux();

    /// <summary>
    /// Caps malloc's arenas at <paramref name="count"/>. Call it first thing in Main: it holds for the
    /// arenas made after it, and glibc makes its ninth arena only once the cap is read.
    /// </summary>
    public static void LimitArenas(int count) => Call(() => mallopt(ArenaMaxOption, count));

    /// <summary>Returns the free pages of every arena to the system (not only the top of the main heap, as free() does).</summary>
    public static void Trim() => Call(() => malloc_trim(0));

    private static void Call(Func<int> call)
    {
        if (_unavailable) return;
        try { call(); }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            _unavailable = true; // not glibc: its own allocator has its own habits
        }
    }

    [LibraryImport("libc")]
    private static partial int mallopt(int option, int value);

    [LibraryImport("libc")]
    private static partial int malloc_trim(nuint pad);
}
