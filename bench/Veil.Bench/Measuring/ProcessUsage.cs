using System.Diagnostics;

namespace Veil.Bench.Measuring;

/// <summary>This process's CPU time and peak resident memory (Linux /proc), for in-process runs.</summary>
internal static class ProcessUsage
{
    public static double CpuSeconds()
    {
        using var self = Process.GetCurrentProcess();
        return self.TotalProcessorTime.TotalSeconds;
    }

    /// <summary>Resets the kernel's peak-RSS mark (VmHWM) so the next reading covers one run only.</summary>
    public static void ResetPeakRss()
    {
        try { File.WriteAllText("/proc/self/clear_refs", "5"); }
        catch (IOException) { } // not Linux, or not allowed: the peak then spans the whole process
        catch (UnauthorizedAccessException) { }
    }

    public static double PeakRssMiB() => PeakRssMiB("self") ?? 0;

    /// <summary>A process's peak RSS so far (VmHWM: its own memory since exec); null once it has exited.</summary>
    public static double? PeakRssMiB(string pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                    return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024.0;
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
        return null;
    }
}
