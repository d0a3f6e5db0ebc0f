using Veil.Core.Detections;
using Veil.Vision.Tracking;

namespace Veil.Vision.Tests.Tracking;

public sealed class KalmanBoxFilterTests
{
    private const double Dt = 1 / 30.0;

    [Fact]
    public void Converges_to_the_true_velocity_from_noisy_boxes()
    {
        var random = new Random(7);
        var start = new BoxF(100, 300, 60, 80);
        var filter = new KalmanBoxFilter(start);
        (float vx, float vy) = (120, -45);
        for (int f = 1; f <= 90; f++)
        {
            filter.Predict(Dt);
            var truth = start.Offset((float)(vx * f * Dt), (float)(vy * f * Dt));
            filter.Update(TrackingScene.Jitter(truth, random, 1.5f));
        }

        Assert.InRange(filter.Velocity.X, vx - 6, vx + 6);
        Assert.InRange(filter.Velocity.Y, vy - 6, vy + 6);
        Assert.InRange(filter.SizeVelocity.W, -6, 6);
        var last = start.Offset((float)(vx * 90 * Dt), (float)(vy * 90 * Dt));
        Assert.True(filter.Box.IoU(last) > 0.9, $"estimate {filter.Box} vs truth {last}");
    }

    [Fact]
    public void Uncertainty_grows_when_predicting_and_shrinks_on_update()
    {
        var filter = new KalmanBoxFilter(new BoxF(0, 0, 40, 40));
        float before = filter.Uncertainty.EdgeX;
        filter.Predict(0.5);
        float predicted = filter.Uncertainty.EdgeX;
        filter.Update(filter.Box);

        Assert.True(predicted > before);
        Assert.True(filter.Uncertainty.EdgeX < predicted);
    }

    [Fact]
    public void Peek_matches_predict_and_leaves_the_filter_alone()
    {
        var filter = new KalmanBoxFilter(new BoxF(10, 20, 30, 40));
        filter.Predict(Dt);
        filter.Update(new BoxF(13, 21, 30, 41));
        var box = filter.Box;

        var (peekBox, peekSigma) = filter.Peek(0.25);
        Assert.Equal(box, filter.Box);
        filter.Predict(0.25);
        Assert.Equal(filter.Box, peekBox);
        Assert.Equal(filter.Uncertainty, peekSigma);
    }

    /// <summary>The per-coordinate blocks are the full 8×8 filter: same numbers from the textbook matrix form.</summary>
    [Fact]
    public void Equals_the_full_eight_by_eight_filter()
    {
        var random = new Random(3);
        var first = new BoxF(50, 60, 30, 70);
        var filter = new KalmanBoxFilter(first);
        var reference = new ReferenceKalman(first);
        for (int step = 0; step < 200; step++)
        {
            double dt = random.Next(1, 4) * Dt; // detection on a subset of frames
            filter.Predict(dt);
            reference.Predict(dt);
            if (random.NextDouble() < 0.8)
            {
                var z = TrackingScene.Jitter(first.Offset(2 * step, -step), random, 3);
                filter.Update(z);
                reference.Update(z);
            }
            var (box, sd) = reference.State();
            AssertClose(box.X, filter.Box.X);
            AssertClose(box.Y, filter.Box.Y);
            AssertClose(box.W, filter.Box.W);
            AssertClose(box.H, filter.Box.H);
            AssertClose(sd.CenterX, filter.Uncertainty.CenterX);
            AssertClose(sd.Height, filter.Uncertainty.Height);
        }
    }

    private static void AssertClose(double expected, double actual) =>
        Assert.True(Math.Abs(expected - actual) <= 1e-3 * Math.Max(1, Math.Abs(expected)), $"expected {expected}, got {actual}");

    /// <summary>x = F x, P = F P Fᵀ + Q; K = P Hᵀ S⁻¹, x += K(z − Hx), P −= K S Kᵀ, with dense matrices.</summary>
    private sealed class ReferenceKalman
    {
        private readonly double[] _x = new double[8];
        private double[,] _p = new double[8, 8];

        public ReferenceKalman(BoxF b)
        {
            var z = Measure(b);
            for (int i = 0; i < 4; i++)
            {
                _x[i] = z[i];
                double s = Math.Max(i % 2 == 0 ? b.W : b.H, 1);
                _p[i, i] = Sq(2 * KalmanBoxFilter.StdWeightPosition * s);
                _p[i + 4, i + 4] = Sq(10 * KalmanBoxFilter.StdWeightVelocity * s * KalmanBoxFilter.ReferenceFrameRate);
            }
        }

        public void Predict(double dt)
        {
            var f = Identity();
            for (int i = 0; i < 4; i++) f[i, i + 4] = dt;
            var q = new double[8, 8];
            double frames = dt * KalmanBoxFilter.ReferenceFrameRate;
            for (int i = 0; i < 4; i++)
            {
                double s = Scale(i);
                q[i, i] = Sq(KalmanBoxFilter.StdWeightPosition * s) * frames;
                q[i + 4, i + 4] = Sq(KalmanBoxFilter.StdWeightVelocity * s * KalmanBoxFilter.ReferenceFrameRate) * frames;
            }
            var x = new double[8];
            for (int i = 0; i < 8; i++)
                for (int j = 0; j < 8; j++) x[i] += f[i, j] * _x[j];
            Array.Copy(x, _x, 8);
            _p = Add(Mul(Mul(f, _p), Transpose(f)), q);
        }

        public void Update(BoxF b)
        {
            var h = new double[4, 8];
            for (int i = 0; i < 4; i++) h[i, i] = 1;
            var r = new double[4, 4];
            for (int i = 0; i < 4; i++) r[i, i] = Sq(KalmanBoxFilter.StdWeightPosition * Scale(i));
            var s = Add(Mul(Mul(h, _p), Transpose(h)), r);
            var k = Mul(Mul(_p, Transpose(h)), Invert(s));
            var z = Measure(b);
            var y = new double[4];
            for (int i = 0; i < 4; i++) y[i] = z[i] - _x[i];
            for (int i = 0; i < 8; i++)
                for (int j = 0; j < 4; j++) _x[i] += k[i, j] * y[j];
            var ksk = Mul(Mul(k, s), Transpose(k));
            for (int i = 0; i < 8; i++)
                for (int j = 0; j < 8; j++) _p[i, j] -= ksk[i, j];
        }

        public (BoxF Box, BoxUncertainty Sd) State() => (
            new BoxF((float)(_x[0] - _x[2] / 2), (float)(_x[1] - _x[3] / 2), (float)_x[2], (float)_x[3]),
            new BoxUncertainty((float)Math.Sqrt(_p[0, 0]), (float)Math.Sqrt(_p[1, 1]), (float)Math.Sqrt(_p[2, 2]), (float)Math.Sqrt(_p[3, 3])));

        private double Scale(int i) => Math.Max(i % 2 == 0 ? _x[2] : _x[3], 1);
        private static double[] Measure(BoxF b) => [b.CenterX, b.CenterY, b.W, b.H];
        private static double Sq(double a) => a * a;

        private static double[,] Identity()
        {
            var m = new double[8, 8];
            for (int i = 0; i < 8; i++) m[i, i] = 1;
            return m;
        }

        private static double[,] Mul(double[,] a, double[,] b)
        {
            int n = a.GetLength(0), k = a.GetLength(1), m = b.GetLength(1);
            var c = new double[n, m];
            for (int i = 0; i < n; i++)
                for (int j = 0; j < m; j++)
                    for (int t = 0; t < k; t++) c[i, j] += a[i, t] * b[t, j];
            return c;
        }

        private static double[,] Add(double[,] a, double[,] b)
        {
            var c = (double[,])a.Clone();
            for (int i = 0; i < a.GetLength(0); i++)
                for (int j = 0; j < a.GetLength(1); j++) c[i, j] += b[i, j];
            return c;
        }

        private static double[,] Transpose(double[,] a)
        {
            var t = new double[a.GetLength(1), a.GetLength(0)];
            for (int i = 0; i < a.GetLength(0); i++)
                for (int j = 0; j < a.GetLength(1); j++) t[j, i] = a[i, j];
            return t;
        }

        /// <summary>Gauss-Jordan with partial pivoting.</summary>
        private static double[,] Invert(double[,] a)
        {
            int n = a.GetLength(0);
            var m = (double[,])a.Clone();
            var inv = new double[n, n];
            for (int i = 0; i < n; i++) inv[i, i] = 1;
            for (int col = 0; col < n; col++)
            {
                int pivot = col;
                for (int r = col + 1; r < n; r++)
                    if (Math.Abs(m[r, col]) > Math.Abs(m[pivot, col])) pivot = r;
                for (int j = 0; j < n; j++)
                {
                    (m[col, j], m[pivot, j]) = (m[pivot, j], m[col, j]);
                    (inv[col, j], inv[pivot, j]) = (inv[pivot, j], inv[col, j]);
                }
                double d = m[col, col];
                for (int j = 0; j < n; j++)
                {
                    m[col, j] /= d;
                    inv[col, j] /= d;
                }
                for (int r = 0; r < n; r++)
                {
                    if (r == col) continue;
                    double f = m[r, col];
                    for (int j = 0; j < n; j++)
                    {
                        m[r, j] -= f * m[col, j];
                        inv[r, j] -= f * inv[col, j];
                    }
                }
            }
            return inv;
        }
    }
}
