using Microsoft.ML.OnnxRuntime;
using Veil.Vision.Inference;

namespace Veil.Vision.Quantization;

/// <summary>
/// Measures the range of every tensor a model's quantization needs: the prepared float graph, with
/// those tensors as extra outputs, runs on each input the model itself was given, and each output's
/// values are added to its <see cref="RangeHistogram"/>. Two passes over the same inputs: exact
/// min/max first, then histograms over them (for percentile ranges).
/// </summary>
internal sealed class ActivationRangeCollector : IDisposable
{
    private readonly InferenceSession _session;
    private readonly string _inputName;
    private readonly string[] _tensors;
    private readonly RangeHistogram[] _ranges;
    private readonly HashSet<string> _graphInputs;
    private readonly RunOptions _runOptions = new();

    public ActivationRangeCollector(byte[] calibrationModel, IReadOnlyList<string> tensors, string inputName)
    {
        _session = SessionFactory.Create(calibrationModel, InferenceDevice.Cpu);
        _inputName = inputName;
        _tensors = tensors.ToArray();
        _ranges = _tensors.Select(_ => new RangeHistogram()).ToArray();
        _graphInputs = _session.InputMetadata.Keys.ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>False in the first pass (min/max), true in the second (histograms).</summary>
    public bool HistogramPass { get; set; }

    /// <summary>Model runs seen in the first pass.</summary>
    public int Runs { get; private set; }

    public void Observe(OrtValue input)
    {
        if (!HistogramPass) Runs++;
        using var outputs = _session.Run(_runOptions, [_inputName], [input], _tensors);
        var values = outputs.ToArray();
        Parallel.For(0, _tensors.Length, i =>
        {
            var span = values[i].GetTensorDataAsSpan<float>();
            if (HistogramPass) _ranges[i].AddToHistogram(span);
            else _ranges[i].AddToRange(span);
        });
    }

    /// <summary>
    /// The measured ranges by <paramref name="method"/> (minmax, percentile, mse), in the order of
    /// the tensors. A graph input keeps its exact span: it is the preprocessing's output, whose every
    /// value is meant (0-255 pixels, the letterbox fill).
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, (float Min, float Max)>> Ranges(string method, double percentile)
    {
        var result = new List<KeyValuePair<string, (float, float)>>(_tensors.Length);
        for (int i = 0; i < _tensors.Length; i++)
        {
            var r = _ranges[i];
            if (float.IsInfinity(r.Min)) throw new InvalidOperationException($"tensor \"{_tensors[i]}\" was never seen: calibrate on at least one input");
            var range = _graphInputs.Contains(_tensors[i]) ? (r.Min, r.Max) : method switch
            {
                CalibrationMethods.Percentile => r.Central(percentile),
                CalibrationMethods.LeastSquaredError => r.LeastSquaredError(),
                _ => (r.Min, r.Max),
            };
            result.Add(new(_tensors[i], range));
        }
        return result;
    }

    public void Dispose()
    {
        _session.Dispose();
        _runOptions.Dispose();
    }
}
