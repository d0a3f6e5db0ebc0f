using Veil.Core.Frames;
using Veil.Core.Geometry;
using Veil.Core.Pipeline;
using Veil.Vision.Masks;

namespace Veil.Vision.Redaction;

/// <summary>
/// Applies a camera's fixed privacy masks to every frame. Masks are resolved to pixels once per
/// frame size; call <see cref="RegionsFor"/> at start to surface a bad mask before the first frame.
/// </summary>
public sealed class StaticMaskProcessor : IFrameProcessor, IDisposable
{
    private readonly IReadOnlyList<PrivacyMask> _masks;
    private readonly RedactionOptions[] _options;
    private readonly PlaneRedactor _redactor;
    private IReadOnlyList<RedactionRegion> _regions = [];
    private (int Width, int Height) _resolvedFor;

    /// <param name="options">
    /// Defaults to the default style with no margin: an operator draws a mask exactly where it is
    /// wanted, unlike a detector's tight box.
    /// </param>
    public StaticMaskProcessor(IReadOnlyList<PrivacyMask> masks, RedactionOptions? options = null)
    {
        _masks = masks.ToArray();
        var baseOptions = (options ?? new RedactionOptions { MarginFraction = 0 }).Validate();
        _options = _masks.Select(m => m.Style is { } s ? baseOptions with { Style = s } : baseOptions).ToArray();
        _redactor = new PlaneRedactor(baseOptions);
    }

    public IReadOnlyList<PrivacyMask> Masks => _masks;

    /// <summary>The masks in pixels for a frame size; throws when one lies wholly outside it.</summary>
    public IReadOnlyList<RedactionRegion> RegionsFor(int width, int height)
    {
        if (_resolvedFor != (width, height))
        {
            _regions = MaskResolver.Resolve(_masks, width, height);
            _resolvedFor = (width, height);
        }
        return _regions;
    }

    public void Process(VideoFrame frame)
    {
        if (_masks.Count == 0) return;
        var regions = RegionsFor(frame.Width, frame.Height);
        var planes = frame.Planes;
        for (int i = 0; i < regions.Count; i++) _redactor.Redact(planes, regions[i], _options[i]);
    }

    public void Dispose() => _redactor.Dispose();
}
