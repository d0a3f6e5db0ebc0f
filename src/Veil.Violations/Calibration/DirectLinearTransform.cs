namespace Veil.Violations.Calibration;

/// <summary>
/// The normalized DLT (Hartley and Zisserman, algorithm 4.2): the homography H with dst ~ H·src
/// minimizing the algebraic error, as the eigenvector of AᵀA with the smallest eigenvalue.
/// </summary>
internal static class DirectLinearTransform
{
    /// <summary>
    /// Second-smallest over largest eigenvalue of AᵀA below which the solution is not unique:
    /// the points leave a family of homographies, not one.
    /// </summary>
    private const double DegenerateEigenRatio = 1e-12;

    public static Matrix3 Solve(IReadOnlyList<(double X, double Y)> source, IReadOnlyList<(double X, double Y)> target)
    {
        if (source.Count != target.Count) throw new ArgumentException("Source and target need the same number of points.");
        Matrix3 sourceNorm = PlanarPoints.NormalizingTransform(source);
        Matrix3 targetNorm = PlanarPoints.NormalizingTransform(target);

        var normal = new double[9, 9];
        var row = new double[9];
        for (int i = 0; i < source.Count; i++)
        {
            var (u, v, _) = sourceNorm.Apply(source[i].X, source[i].Y);
            var (x, y, _) = targetNorm.Apply(target[i].X, target[i].Y);
            // Each correspondence gives two rows of A: x·(h₃·s) − h₁·s = 0 and y·(h₃·s) − h₂·s = 0.
            Fill(row, -u, -v, -1, 0, 0, 0, x * u, x * v, x);
            AddOuterProduct(normal, row);
            Fill(row, 0, 0, 0, -u, -v, -1, y * u, y * v, y);
            AddOuterProduct(normal, row);
        }

        var (values, vectors) = SymmetricEigen.Decompose(normal);
        if (values[1] <= DegenerateEigenRatio * values[8])
            throw new ArgumentException(
                "The control points are degenerate: they fit more than one homography " +
                "(duplicated points, or three of four on one line); add points spread over the ground.");

        var h = new double[9];
        for (int i = 0; i < 9; i++) h[i] = vectors[i, 0];
        // Undo the normalizations: H = T_target⁻¹ · H' · T_source.
        return targetNorm.Inverse() * new Matrix3(h) * sourceNorm;
    }

    private static void Fill(double[] row, params ReadOnlySpan<double> values) => values.CopyTo(row);

    private static void AddOuterProduct(double[,] sum, double[] row)
    {
        for (int i = 0; i < 9; i++)
            for (int j = 0; j < 9; j++)
                sum[i, j] += row[i] * row[j];
    }
}
