using OpenCvSharp;
using Veil.Core.Detections;
using Veil.Core.Frames;
using Veil.Vision.Detectors;
using Veil.Vision.Imaging;
using Veil.Vision.Inference;
using Veil.Vision.Models;

namespace Veil.Vision.Quantization;

/// <summary>
/// `veil models calibrate`: Veil's own detector (float models, every pass at every frame: faces at
/// each scale and mirrored, people and vehicles, text on vehicle crops and whole frames) runs over
/// the calibration pictures, and each model being calibrated also measures its activations on
/// exactly the tensors detection fed it. Two passes over the same pictures: ranges, then
/// histograms (all methods but minmax).
/// </summary>
public sealed class CalibrationSession : IDisposable
{
    private readonly ModelSet _models;
    private readonly PrivacyDetector _detector;
    private readonly List<(ModelSpec Spec, ActivationRangeCollector Collector, IReadOnlyList<string> KeepFloat)> _collectors = new();
    private readonly List<Detection> _scratch = new();

    private CalibrationSession(ModelSet models, DetectorOptions options)
    {
        _models = models;
        _detector = new PrivacyDetector(models, options);
    }

    /// <param name="keepFloat">For each model to calibrate (by name), the nodes it leaves in float32.</param>
    public static CalibrationSession Start(ModelManifest manifest, ModelStore store, IReadOnlyDictionary<string, IReadOnlyList<string>> keepFloat)
    {
        // Only the detection passes that feed the models being calibrated run (text needs the vehicles its crops come from).
        var classes = new HashSet<ObjectClass>();
        foreach (var name in keepFloat.Keys)
            classes.Add(manifest.Get(name).Task switch { "face" => ObjectClass.Face, "text" => ObjectClass.Plate, _ => ObjectClass.Person });
        var options = new DetectorOptions { Classes = classes };
        var models = ModelSet.Load(manifest, store.Require, options, InferenceDevice.Cpu, precision: new PrecisionChoice { All = ModelPrecision.Fp32 });
        var session = new CalibrationSession(models, options);
        try
        {
            foreach (var (name, floatNodes) in keepFloat)
            {
                var model = models.All.FirstOrDefault(m => string.Equals(m.Spec.Name, name, StringComparison.OrdinalIgnoreCase))
                    ?? throw new ModelException($"model \"{name}\" is not one the detector runs (face, person, text)", name);
                var (graph, tensors) = ModelQuantizer.ForCalibration(File.ReadAllBytes(model.Path), floatNodes.ToHashSet(StringComparer.Ordinal));
                var collector = new ActivationRangeCollector(graph, tensors, model.Spec.Input.Name);
                session._collectors.Add((model.Spec, collector, floatNodes));
                model.RunObserver = collector.Observe;
            }
            return session;
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    /// <summary>Switches to the second pass: the same pictures again, into histograms.</summary>
    public void StartHistogramPass()
    {
        foreach (var c in _collectors) c.Collector.HistogramPass = true;
    }

    public void Observe(YuvPlanes frame)
    {
        _scratch.Clear();
        _detector.Detect(frame, _scratch);
    }

    public void ObserveImage(string path)
    {
        using var bgr = Cv2.ImRead(path, ImreadModes.Color);
        if (bgr.Empty()) throw new FormatException($"cannot read image '{path}'");
        using var buffer = new NativeFrameBuffer(bgr.Width, bgr.Height);
        I420.FromBgr(bgr, buffer.Planes);
        Observe(buffer.Planes);
    }

    /// <param name="method">A <see cref="CalibrationMethods"/> name; all but minmax need the histogram pass.</param>
    /// <param name="percentile">For the percentile method: the share of each tensor's values kept inside its range, in %.</param>
    public IReadOnlyList<CalibrationFile> Results(string method, double percentile, IReadOnlyList<string> sources)
        => _collectors.Select(c => new CalibrationFile
        {
            Model = c.Spec.Name,
            FloatSha256 = c.Spec.Sha256.ToLowerInvariant(),
            Method = method,
            Percentile = method == CalibrationMethods.Percentile ? percentile : 0,
            Runs = c.Collector.Runs,
            Sources = sources,
            KeepFloat = c.KeepFloat,
            Ranges = c.Collector.Ranges(method, percentile),
        }).ToArray();

    public void Dispose()
    {
        foreach (var m in _models.All) m.RunObserver = null;
        _detector.Dispose();
        foreach (var c in _collectors) c.Collector.Dispose();
        _models.Dispose();
    }
}
