using Microsoft.Extensions.Logging;
using Veil.Server.VisionSetup;

namespace Veil.Server.Memory;

/// <summary>
/// Gives a stream's memory back to the system when one of its runs ends (the stream removed, its
/// source lost, its publisher gone). Disposing the run frees its buffers, but into allocators that
/// keep them: ONNX Runtime's arenas, shared by every stream and grown to the peak of all of them
/// at once, and glibc's malloc arenas. Without this an idle server stayed at the RSS of its busiest
/// moment and grew round after round of streams (392 MB at start, 994 MB idle after three rounds of
/// three streams); with it the idle server goes back below its start (260-350 MB over eight rounds).
/// It runs on the ending stream's own task, so it is over before that stream's disposal is and never
/// reaches models the host has disposed. Runs that end together share one release.
/// </summary>
internal static class StreamMemoryRelease
{
    private static int _requests;

    public static void AfterRun(DetectionSetup? detection, ILogger log)
    {
        if (Interlocked.Increment(ref _requests) != 1) return; // a release is under way: it goes round once more for this one
        int served;
        do
        {
            served = Volatile.Read(ref _requests);
            Release(detection, log);
        }
        while (Interlocked.Add(ref _requests, -served) != 0);
    }

    private static void Release(DetectionSetup? detection, ILogger log)
    {
        long before = Environment.WorkingSet;
        try { detection?.ReleaseArenaMemory(); }
        catch (Exception e)
        {
            // Only memory is at stake: the ending stream, and the others, go on.
            MemoryLog.ArenasNotShrunk(log, e.Message);
        }
        NativeHeap.Trim();
        long after = Environment.WorkingSet;
        MemoryLog.Released(log, Math.Max(0, before - after) >> 20, before >> 20, after >> 20);
    }
}
