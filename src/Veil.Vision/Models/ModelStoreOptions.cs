namespace Veil.Vision.Models;

/// <summary>How <see cref="ModelStore"/> fetches; the defaults suit <c>veil models pull</c>.</summary>
public sealed record ModelStoreOptions
{
    /// <summary>Folders a relative <c>dir</c> source is looked up under (usually <see cref="ModelManifest.SourceRoots"/>).</summary>
    public IReadOnlyList<string> SourceRoots { get; init; } = [];

    /// <summary>The manifest's folder: int8 calibration files are named relative to it.</summary>
    public string? ManifestDir { get; init; }

    /// <summary>An unreachable host must not hold up the next source for long.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Limit for one URL download once connected.</summary>
    public TimeSpan DownloadTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>The npm program used for npm sources.</summary>
    public string NpmCommand { get; init; } = "npm";

    /// <summary>Limit for one <c>npm pack</c>.</summary>
    public TimeSpan NpmTimeout { get; init; } = TimeSpan.FromMinutes(5);
}
