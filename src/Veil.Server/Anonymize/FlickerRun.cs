using Veil.Core.Detections;
using Veil.Core.Frames;
using Veil.Core.Pipeline;
using Veil.Media.Pipeline;
using Veil.Server.VisionSetup;
using Veil.Vision.Detectors;
using Veil.Vision.Eval;

namespace Veil.Server.Anonymize;

/// <summary>
/// `veil eval --video CLIP`: records every model's detections on every frame of a clip (faces down
/// to a low score), then replays three redaction policies over them and reports each one's flicker.
/// </summary>
internal static class FlickerRun
{
    public static async Task<IReadOnlyList<FlickerResult>> RunAsync(string clip, IReadOnlySet<ObjectClass> classes, DetectorOptions options,
        Vision.Inference.InferenceDevice device, Vision.Models.PrecisionChoice precision, DetectionCadence cadence, TimeSpan lookAhead, TimeSpan? duration, CancellationToken ct)
    {
        const float recordScore = 0.15f;
        var recordOptions = options with { Classes = classes, FaceScore = recordScore, Cadence = DetectionCadence.EveryFrame };
        using var setup = DetectionSetup.Load(recordOptions, device, precision);
        using var recorder = new Recorder(setup.CreateDetector());
        var request = new TranscodeRequest(clip, ["-"]) { OutputFormat = "null", NoAudio = true, MaxDuration = duration };
        using (var pipeline = TranscodePipeline.Create(request, recorder)) await pipeline.RunAsync(ct: ct);

        var frames = recorder.Frames;
        return
        [
            FlickerEvaluator.Measure("raw detections, every frame", frames, classes, options.FaceScore, DetectionCadence.EveryFrame, false, TimeSpan.Zero, options.FaceBelow),
            FlickerEvaluator.Measure("tracking, every frame", frames, classes, options.FaceScore, DetectionCadence.EveryFrame, true, TimeSpan.Zero, options.FaceBelow),
            FlickerEvaluator.Measure($"tracking + look-ahead {lookAhead.TotalMilliseconds:0} ms", frames, classes, options.FaceScore, DetectionCadence.EveryFrame, true, lookAhead, options.FaceBelow),
            FlickerEvaluator.Measure($"raw detections, cadence {Describe(cadence)}", frames, classes, options.FaceScore, cadence, false, TimeSpan.Zero, options.FaceBelow),
            FlickerEvaluator.Measure($"tracking, cadence {Describe(cadence)}", frames, classes, options.FaceScore, cadence, true, TimeSpan.Zero, options.FaceBelow),
            FlickerEvaluator.Measure($"tracking + look-ahead, cadence {Describe(cadence)}", frames, classes, options.FaceScore, cadence, true, lookAhead, options.FaceBelow),
        ];
    }

    private static string Describe(DetectionCadence c) => $"{c.Faces},{c.LargeFaceScale},{c.Objects},{c.PlateCrops},{c.PlateFrame}";

    private sealed class Recorder(PrivacyDetector detector) : IFrameProcessor, IDisposable
    {
        private readonly List<Detection> _scratch = new();
        public List<FrameDetections> Frames { get; } = new();

        public void Process(VideoFrame frame)
        {
            _scratch.Clear();
            detector.Detect(frame.Planes, frame.Sequence, _scratch);
            Frames.Add(new FrameDetections(frame.Sequence, frame.Time, frame.Width, frame.Height, _scratch.ToArray()));
        }

        public void Dispose() => detector.Dispose();
    }
}
