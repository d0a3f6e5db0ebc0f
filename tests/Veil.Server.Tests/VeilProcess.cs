using Veil.TestSupport;

namespace Veil.Server.Tests;

/// <summary>Runs the real `veil` program (the built veil.dll beside the tests) as a user would.</summary>
internal static class VeilProcess
{
    public static string Dll => Path.Combine(AppContext.BaseDirectory, "veil.dll");

    public static Task<ProcessResult> RunAsync(params string[] args) => RunAsync(TimeSpan.FromMinutes(3), args);

    public static Task<ProcessResult> RunAsync(TimeSpan timeout, params string[] args)
        => ChildProcess.RunAsync("dotnet", [Dll, .. args], timeout);

    /// <summary>Runs veil with <paramref name="environment"/> added to the inherited environment (an empty value removes a variable).</summary>
    public static Task<ProcessResult> RunAsync(IReadOnlyDictionary<string, string> environment, TimeSpan timeout, params string[] args)
        => RunBuildAsync(Dll, environment, timeout, args);

    /// <summary>Runs another build of veil (<paramref name="dll"/>, e.g. <see cref="GpuBuild"/>'s) the same way.</summary>
    public static Task<ProcessResult> RunBuildAsync(string dll, IReadOnlyDictionary<string, string> environment, TimeSpan timeout, params string[] args)
        => ChildProcess.RunAsync("dotnet", [dll, .. args], timeout, environment: environment);

    /// <summary>Starts veil as a server (`veil serve ...`) that runs until the test stops it.</summary>
    public static RunningProcess Start(IReadOnlyDictionary<string, string> environment, params string[] args)
        => RunningProcess.Start("dotnet", [Dll, .. args], environment);

    /// <summary>The lines a failed run printed on stderr (progress lines excluded).</summary>
    public static string[] ErrorLines(ProcessResult r)
        => r.StdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
