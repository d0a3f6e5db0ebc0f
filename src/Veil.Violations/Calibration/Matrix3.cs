namespace Veil.Violations.Calibration;

/// <summary>A 3×3 matrix of doubles, row-major, for planar projective transforms.</summary>
internal sealed class Matrix3
{
    private readonly double[] _m;

    public Matrix3(double[] rowMajor)
    {
        if (rowMajor.Length != 9) throw new ArgumentException($"A 3×3 matrix needs 9 values, got {rowMajor.Length}.", nameof(rowMajor));
        _m = (double[])rowMajor.Clone();
    }

    public double this[int row, int column] => _m[row * 3 + column];

    public double Determinant =>
        _m[0] * (_m[4] * _m[8] - _m[5] * _m[7])
        - _m[1] * (_m[3] * _m[8] - _m[5] * _m[6])
        + _m[2] * (_m[3] * _m[7] - _m[4] * _m[6]);

    public double FrobeniusNorm => Math.Sqrt(_m.Sum(v => v * v));

    public static Matrix3 operator *(Matrix3 a, Matrix3 b)
    {
        var r = new double[9];
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++)
                r[i * 3 + j] = a[i, 0] * b[0, j] + a[i, 1] * b[1, j] + a[i, 2] * b[2, j];
        return new Matrix3(r);
    }

    public Matrix3 Scaled(double factor) => new(_m.Select(v => v * factor).ToArray());

    /// <summary>The inverse through the adjugate; callers have checked the determinant is well away from zero.</summary>
    public Matrix3 Inverse()
    {
        double det = Determinant;
        if (det == 0 || !double.IsFinite(det)) throw new InvalidOperationException("The matrix is singular and has no inverse.");
        double[] adj =
        [
            _m[4] * _m[8] - _m[5] * _m[7], _m[2] * _m[7] - _m[1] * _m[8], _m[1] * _m[5] - _m[2] * _m[4],
            _m[5] * _m[6] - _m[3] * _m[8], _m[0] * _m[8] - _m[2] * _m[6], _m[2] * _m[3] - _m[0] * _m[5],
            _m[3] * _m[7] - _m[4] * _m[6], _m[1] * _m[6] - _m[0] * _m[7], _m[0] * _m[4] - _m[1] * _m[3],
        ];
        return new Matrix3(adj).Scaled(1 / det);
    }

    /// <summary>Maps (x, y, 1); W is the homogeneous scale, whose sign says which side of the horizon the point is on.</summary>
    public (double X, double Y, double W) Apply(double x, double y) => (
        _m[0] * x + _m[1] * y + _m[2],
        _m[3] * x + _m[4] * y + _m[5],
        _m[6] * x + _m[7] * y + _m[8]);
}
