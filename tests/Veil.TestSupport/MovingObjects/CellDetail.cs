namespace Veil.TestSupport.MovingObjects;

/// <summary>
/// One cell's fine detail in input and output, each the cell minus its Gaussian blur (high-pass):
/// the input's detail energy per pixel, the output's, and their cross term.
/// </summary>
public readonly record struct CellDetail(int Pixels, double InputEnergy, double OutputEnergy, double Cross)
{
    /// <summary>The input's detail, root mean square in grey levels: how much there is to read at all.</summary>
    public double InputRms => Math.Sqrt(InputEnergy / Pixels);

    /// <summary>Whether the output's detail has the input's shape (1: the same, 0: unrelated, as blur, mosaic or fill leave it).</summary>
    public double Correlation => InputEnergy <= 0 || OutputEnergy <= 0 ? 0 : Cross / Math.Sqrt(InputEnergy * OutputEnergy);

    /// <summary>How much of the input's detail is found in the output (its projection on the input's): ~1 when only re-encoded, ~0 when blurred.</summary>
    public double Kept => InputEnergy <= 0 ? 0 : Cross / InputEnergy;
}
