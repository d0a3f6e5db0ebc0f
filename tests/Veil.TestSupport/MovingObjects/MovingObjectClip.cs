using OpenCvSharp;

namespace Veil.TestSupport.MovingObjects;

/// <summary>
/// A built clip: real dev-set plates and faces moving over a real street, with the box of every object in
/// every frame where it can be seen. Built once per spec and kept under out/moving-objects/&lt;key&gt;/
/// (<c>clip.mp4</c>, <c>truth.jsonl</c>, <c>objects.txt</c>); later calls reuse it.
/// </summary>
public sealed class MovingObjectClip
{
    private static readonly SemaphoreSlim s_building = new(1, 1);

    private MovingObjectClip(MovingObjectClipSpec spec, string directory, List<TruthBox> truth)
    {
        Spec = spec;
        Directory = directory;
        Truth = truth;
    }

    public MovingObjectClipSpec Spec { get; }

    /// <summary>out/moving-objects/&lt;key&gt;.</summary>
    public string Directory { get; }

    /// <summary>H.264 (crf 16, yuv420p) MP4 at the spec's size and rate, <see cref="MovingObjectClipSpec.FrameCount"/> frames.</summary>
    public string ClipPath => Path.Combine(Directory, "clip.mp4");

    /// <summary>The ground truth as JSON lines (<see cref="GroundTruthFile"/>).</summary>
    public string TruthPath => Path.Combine(Directory, "truth.jsonl");

    public IReadOnlyList<TruthBox> Truth { get; }

    /// <summary>The clip for <paramref name="spec"/>, built now when no earlier run left it in out/.</summary>
    public static async Task<MovingObjectClip> GetOrBuildAsync(MovingObjectClipSpec spec)
    {
        string dir = Path.Combine(SharedData.RepoRoot, "out", "moving-objects", spec.CacheKey);
        // One build at a time in this process; a build writes a folder of its own and renames it into place, so
        // another process (another test project) never sees half a clip.
        await s_building.WaitAsync().ConfigureAwait(false);
        try
        {
            if (!File.Exists(Path.Combine(dir, "truth.jsonl")))
            {
                await Task.Run(() => Build(spec, dir)).ConfigureAwait(false);
            }
        }
        finally
        {
            s_building.Release();
        }
        return new MovingObjectClip(spec, dir, GroundTruthFile.Read(Path.Combine(dir, "truth.jsonl")));
    }

    /// <summary>The objects a spec plans, from the dev sets' labels alone (no pixels read but image sizes).</summary>
    public static List<PlannedObject> Plan(MovingObjectClipSpec spec)
        => ScenePlanner.Plan(spec, PatchCatalog.Candidates(ObjectKind.Face), PatchCatalog.Candidates(ObjectKind.Plate));

    private static void Build(MovingObjectClipSpec spec, string dir)
    {
        string parent = Path.GetDirectoryName(dir)!;
        string building = Path.Combine(parent, $".{Path.GetFileName(dir)}.building-{Environment.ProcessId}");
        if (System.IO.Directory.Exists(building)) System.IO.Directory.Delete(building, recursive: true);
        System.IO.Directory.CreateDirectory(building);

        try
        {
            var objects = Plan(spec);
            var patches = objects.Select(o => PatchCatalog.Cut(o.Kind, o.Source)).ToList();
            try
            {
                var truth = Render(spec, objects, patches, Path.Combine(building, "clip.mp4"));
                GroundTruthFile.Write(Path.Combine(building, "truth.jsonl"), truth);
                File.WriteAllLines(Path.Combine(building, "objects.txt"), objects.Select((o, i) =>
                    $"{o.Id} {o.Kind.Name()} {o.Entry} frames {o.Path.FirstFrame}-{Math.Min(o.Path.LastFrame, spec.FrameCount - 1)} from {patches[i].Source}"));
            }
            finally
            {
                foreach (var p in patches) p.Dispose();
            }
            System.IO.Directory.Move(building, dir);
        }
        catch (IOException) when (File.Exists(Path.Combine(dir, "truth.jsonl")))
        {
            // Another process finished the same clip first; its copy is as good as ours.
            System.IO.Directory.Delete(building, recursive: true);
        }
        catch
        {
            System.IO.Directory.Delete(building, recursive: true);
            throw;
        }
    }

    private static List<TruthBox> Render(MovingObjectClipSpec spec, List<PlannedObject> objects, List<LabelledPatch> patches, string clipPath)
    {
        string background = SharedData.Video(spec.Background);
        if (!File.Exists(background)) throw new FileNotFoundException($"background clip {background} is missing", background);

        var truth = new List<TruthBox>();
        using var reader = new RawVideoReader(background, spec.Width, spec.Height, gray: false, spec.ResolvedBackgroundFilter, spec.FrameCount);
        using var writer = new RawVideoWriter(clipPath, spec.Width, spec.Height, spec.Fps, crf: 16);
        using var frame = reader.NewFrame();
        var placed = new List<(PlannedObject Object, Placement Where)>();
        for (int f = 0; f < spec.FrameCount; f++)
        {
            if (!reader.TryRead(frame)) throw new InvalidOperationException($"{spec.Background} gave only {f} frames, {spec.FrameCount} wanted");
            placed.Clear();
            for (int i = 0; i < objects.Count; i++)
            {
                if (!objects[i].Path.TryAt(f, out var at)) continue;
                var where = PatchCompositor.Place(patches[i], at);
                PatchCompositor.Paste(frame, patches[i], where);
                placed.Add((objects[i], where));
            }
            VisibleBoxes.Add(truth, f, placed, spec.Width, spec.Height);
            writer.Write(frame);
        }
        writer.Complete();
        return truth;
    }
}
