namespace Veil.Vision.Models;

/// <summary>What <see cref="ModelStore.PullAsync"/> did for one model.</summary>
/// <param name="Path">The verified file in the cache.</param>
/// <param name="Source">The source the file came from; null when it was already present.</param>
/// <param name="AlreadyPresent">True when the cache already held the right file and nothing was fetched.</param>
public sealed record ModelPullResult(ModelSpec Spec, string Path, ModelSource? Source, bool AlreadyPresent)
{
    /// <summary>The line <c>veil models pull</c> prints, e.g. <c>face: yunet_n_dynamic.onnx from ../shared/models/face (verified sha256)</c>.</summary>
    public string Describe() => AlreadyPresent
        ? $"{Spec.Name}: {Spec.File} already present (verified sha256)"
        : Spec.IsInt8Variant
            ? $"{Spec.Name}: {Spec.File} derived by the quantizer from the float file and its calibration (verified sha256)"
            : $"{Spec.Name}: {Spec.File} from {Source} (verified sha256)";
}
