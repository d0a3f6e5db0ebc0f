using Veil.Violations.Calibration;

namespace Veil.Violations.Tests.Calibration;

public sealed class SymmetricEigenTests
{
    [Fact]
    public void DecomposesARandomSymmetricMatrixIntoOrthonormalEigenpairsInAscendingOrder()
    {
        const int n = 9;
        var random = new Random(3);
        var a = new double[n, n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j <= i; j++)
                a[i, j] = a[j, i] = random.NextDouble() * 20 - 10;

        var (values, vectors) = SymmetricEigen.Decompose(a);

        for (int k = 0; k < n; k++)
        {
            if (k > 0) Assert.True(values[k] >= values[k - 1]);
            for (int i = 0; i < n; i++)
            {
                double av = 0;
                for (int j = 0; j < n; j++) av += a[i, j] * vectors[j, k];
                Assert.Equal(values[k] * vectors[i, k], av, 1e-9);
            }
            for (int m = 0; m < n; m++)
            {
                double dot = 0;
                for (int i = 0; i < n; i++) dot += vectors[i, k] * vectors[i, m];
                Assert.Equal(k == m ? 1 : 0, dot, 1e-12);
            }
        }
    }

    [Fact]
    public void FindsAKnownSpectrum()
    {
        // [[2, 1], [1, 2]] has eigenvalues 1 and 3 with eigenvectors (1, −1)/√2 and (1, 1)/√2.
        var (values, vectors) = SymmetricEigen.Decompose(new double[,] { { 2, 1 }, { 1, 2 } });

        Assert.Equal(1, values[0], 1e-14);
        Assert.Equal(3, values[1], 1e-14);
        Assert.Equal(0, vectors[0, 0] + vectors[1, 0], 1e-14);
        Assert.Equal(0, vectors[0, 1] - vectors[1, 1], 1e-14);
    }
}
