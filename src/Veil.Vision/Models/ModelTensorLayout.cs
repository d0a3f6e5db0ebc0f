namespace Veil.Vision.Models;

/// <summary>Order of a 4-D image tensor's axes. <see cref="Unspecified"/> only marks a manifest that left it out.</summary>
public enum ModelTensorLayout
{
    Unspecified,
    Nchw,
    Nhwc,
}
