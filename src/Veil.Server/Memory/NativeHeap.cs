using System.Runtime.InteropServices;

namespace Veil.Server.Memory;

/// <summary>
/// glibc's malloc, which FFmpeg, ONNX Runtime and OpenCV allocate from on many threads. It keeps up
/// to eight arenas per core and gives a freed block back to its arena, not to the system, so the
/// memory of ended streams stays spread over arenas until a trim. Capping the arenas
/// (M_ARENA_MAX) was measured and left out: 2 per core kept ~30 MB less when idle but cost about
/// 7 % more CPU per frame in `veil bench` on 2 cores. Elsewhere (musl, macOS, Windows) this does nothing.
/// </summary>
internal static partial class NativeHeap
{
    private static bool _unavailable = !OperatingSystem.IsLinux();

    /// <summary>Returns the free pages of every arena to the system (not only the top of the main heap, as free() does).</summary>
    public static void Trim()
    {
        if (_unavailable) return;
        try { malloc_trim(0); }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            _unavailable = true; // not glibc: its own allocator has its own habits
        }
    }

    [LibraryImport("libc")]
    private static partial int malloc_trim(nuint pad);
}
