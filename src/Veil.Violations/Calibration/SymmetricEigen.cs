namespace Veil.Violations.Calibration;

/// <summary>
/// Eigen-decomposition of a small symmetric matrix by cyclic Jacobi rotations: slow for large
/// matrices, but simple, unconditionally stable and accurate for the 9×9 normal matrix of a
/// homography fit, which is all it is used for.
/// </summary>
internal static class SymmetricEigen
{
    private const int MaxSweeps = 100;

    /// <summary>Eigenvalues in ascending order; eigenvector k is column k of Vectors (unit length).</summary>
    public static (double[] Values, double[,] Vectors) Decompose(double[,] symmetric)
    {
        int n = symmetric.GetLength(0);
        if (symmetric.GetLength(1) != n) throw new ArgumentException("The matrix must be square.", nameof(symmetric));
        var a = (double[,])symmetric.Clone();
        var v = new double[n, n];
        for (int i = 0; i < n; i++) v[i, i] = 1;

        double scale = 0;
        foreach (double x in a) scale += x * x;
        for (int sweep = 0; sweep < MaxSweeps && OffDiagonalSquares(a) > 1e-30 * scale; sweep++)
        {
            for (int p = 0; p < n - 1; p++)
                for (int q = p + 1; q < n; q++)
                    if (a[p, q] != 0) Rotate(a, v, p, q);
        }
        return Sorted(a, v);
    }

    /// <summary>One rotation in the (p, q) plane that zeroes a[p, q] (Golub and Van Loan, 8.5.2).</summary>
    private static void Rotate(double[,] a, double[,] v, int p, int q)
    {
        int n = a.GetLength(0);
        double theta = (a[q, q] - a[p, p]) / (2 * a[p, q]);
        // The smaller root of t² + 2θt − 1 = 0 keeps the rotation under 45°, which is what converges.
        double t = Math.Sign(theta == 0 ? 1 : theta) / (Math.Abs(theta) + Math.Sqrt(theta * theta + 1));
        double c = 1 / Math.Sqrt(t * t + 1), s = t * c;
        for (int k = 0; k < n; k++)
        {
            double kp = a[k, p], kq = a[k, q];
            a[k, p] = c * kp - s * kq;
            a[k, q] = s * kp + c * kq;
        }
        for (int k = 0; k < n; k++)
        {
            double pk = a[p, k], qk = a[q, k];
            a[p, k] = c * pk - s * qk;
            a[q, k] = s * pk + c * qk;
        }
        for (int k = 0; k < n; k++)
        {
            double kp = v[k, p], kq = v[k, q];
            v[k, p] = c * kp - s * kq;
            v[k, q] = s * kp + c * kq;
        }
    }

    private static double OffDiagonalSquares(double[,] a)
    {
        double sum = 0;
        int n = a.GetLength(0);
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                if (i != j) sum += a[i, j] * a[i, j];
        return sum;
    }

    private static (double[] Values, double[,] Vectors) Sorted(double[,] a, double[,] v)
    {
        int n = a.GetLength(0);
        int[] order = Enumerable.Range(0, n).OrderBy(i => a[i, i]).ToArray();
        var values = new double[n];
        var vectors = new double[n, n];
        for (int k = 0; k < n; k++)
        {
            values[k] = a[order[k], order[k]];
            for (int i = 0; i < n; i++) vectors[i, k] = v[i, order[k]];
        }
        return (values, vectors);
    }
}
