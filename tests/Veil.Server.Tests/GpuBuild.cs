using Veil.TestSupport;

namespace Veil.Server.Tests;

/// <summary>
/// The GPU flavour of veil (-p:VeilGpu=true) that scripts/test.sh builds on every run, through
/// scripts/build-gpu.sh, into out/gpu/ (dotnet's artifacts layout, apart from the CPU build).
/// </summary>
internal static class GpuBuild
{
    public static string Folder => Path.Combine(SharedData.RepoRoot, "out", "gpu", "bin", "Veil.Server", "release");

    /// <summary>veil.dll of the GPU build; a missing build fails the test with how to make it, never skips it.</summary>
    public static string RequireDll()
    {
        string dll = Path.Combine(Folder, "veil.dll");
        Assert.True(File.Exists(dll), $"the GPU build is missing ({dll}): run scripts/test.sh, or scripts/build-gpu.sh to build only it");
        return dll;
    }
}
