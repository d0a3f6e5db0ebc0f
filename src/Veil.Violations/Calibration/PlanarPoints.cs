namespace Veil.Violations.Calibration;

/// <summary>Spread of a planar point set: Hartley's normalizing similarity and a collinearity test.</summary>
internal static class PlanarPoints
{
    /// <summary>Smallest/largest principal variance below which a point set counts as a line (its width under 0.1 % of its length).</summary>
    private const double CollinearVarianceRatio = 1e-6;

    /// <summary>
    /// The similarity that moves the centroid to the origin and scales the mean distance from it
    /// to √2 (Hartley 1997); without it the DLT's normal matrix mixes entries of 1 and 10⁶ and the fit loses digits.
    /// </summary>
    public static Matrix3 NormalizingTransform(IReadOnlyList<(double X, double Y)> points)
    {
        double cx = points.Average(p => p.X), cy = points.Average(p => p.Y);
        double meanDistance = points.Average(p => Math.Sqrt((p.X - cx) * (p.X - cx) + (p.Y - cy) * (p.Y - cy)));
        double s = Math.Sqrt(2) / meanDistance;
        return new Matrix3([s, 0, -s * cx, 0, s, -s * cy, 0, 0, 1]);
    }

    /// <summary>True when all points lie on one line (or coincide), from the principal variances of the set.</summary>
    public static bool AreCollinear(IReadOnlyList<(double X, double Y)> points)
    {
        double cx = points.Average(p => p.X), cy = points.Average(p => p.Y);
        double sxx = 0, syy = 0, sxy = 0;
        foreach (var (x, y) in points)
        {
            sxx += (x - cx) * (x - cx);
            syy += (y - cy) * (y - cy);
            sxy += (x - cx) * (y - cy);
        }
        // Eigenvalues of the 2×2 scatter matrix, closed form.
        double half = (sxx + syy) / 2;
        double root = Math.Sqrt((sxx - syy) * (sxx - syy) / 4 + sxy * sxy);
        double largest = half + root, smallest = half - root;
        return largest <= 0 || smallest / largest < CollinearVarianceRatio;
    }
}
