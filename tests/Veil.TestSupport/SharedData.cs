namespace Veil.TestSupport;

/// <summary>
/// Locates the repository root (the folder holding Stream.sln) and the shared data folder beside it
/// (<c>&lt;root&gt;/../shared</c>: data sets, models, the eval script). <c>VEIL_SHARED_DIR</c> overrides the latter.
/// </summary>
public static class SharedData
{
    private static readonly Lazy<string> s_repoRoot = new(FindRepoRoot);

    public static string RepoRoot => s_repoRoot.Value;

    public static string Root =>
        Environment.GetEnvironmentVariable("VEIL_SHARED_DIR") is { Length: > 0 } overridden
            ? Path.GetFullPath(overridden)
            : Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared"));

    public static bool Exists => Directory.Exists(Root);

    public static string Data => Path.Combine(Root, "data");

    /// <summary>Real clips without labels; see its README for which may only be used internally.</summary>
    public static string Videos => Path.Combine(Data, "videos");

    public static string FacesDev => Path.Combine(Data, "faces-dev");

    public static string PlatesDev => Path.Combine(Data, "plates-dev");

    public static string Models => Path.Combine(Root, "models");

    public static string Eval => Path.Combine(Root, "eval");

    /// <summary>The privacy score script the project is judged by.</summary>
    public static string ScoreScript => Path.Combine(Eval, "score.py");

    /// <summary>A clip under <see cref="Videos"/>, e.g. <c>Video("intel-iot-devkit_sample-videos/car-detection.mp4")</c>.</summary>
    public static string Video(string relativePath) => Path.Combine(Videos, relativePath);

    /// <summary>A scratch folder under <c>&lt;root&gt;/out/</c> (git-ignored), created if missing.</summary>
    public static string OutDirectory(string name)
    {
        var dir = Path.Combine(RepoRoot, "out", name);
        Directory.CreateDirectory(dir);
        return dir;
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Stream.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException(
            $"Stream.sln not found in {AppContext.BaseDirectory} or any parent: tests must run from inside the repository");
    }
}
