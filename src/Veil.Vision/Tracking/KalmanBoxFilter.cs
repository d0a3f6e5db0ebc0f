using System.Runtime.CompilerServices;
using Veil.Core.Detections;

namespace Veil.Vision.Tracking;

/// <summary>
/// Constant-velocity Kalman filter of a box, as in SORT and ByteTrack: the state is
/// (cx, cy, w, h) and their velocities, the measurement is the box. Times are seconds and
/// velocities pixels per second, so detection may run on any subset of frames.
/// </summary>
/// <remarks>
/// Noise follows ByteTrack (position 1/20, velocity 1/160 of the box size per frame, initial
/// deviations twice and ten times that), with BoT-SORT's choice of x and w scaled by the width
/// and y and h by the height: a 4:1 plate would otherwise get a horizontal uncertainty a quarter
/// of its real one. ByteTrack's numbers are per frame at 30 fps; here a step of dt seconds adds
/// dt·30 frames' worth of variance (a random walk's variance grows linearly with time).
/// <para>
/// The transition, process noise, measurement matrix and measurement noise are all block-diagonal
/// per coordinate, so the 8×8 covariance never couples coordinates: it is kept as four 2×2
/// (position, velocity) blocks. This is the full filter, not an approximation (a test checks it
/// against the 8×8 matrix form), at a sixteenth of the arithmetic and with no allocation.
/// </para>
/// </remarks>
public sealed class KalmanBoxFilter
{
    public const double StdWeightPosition = 1.0 / 20;
    public const double StdWeightVelocity = 1.0 / 160;
    /// <summary>The frame rate ByteTrack's per-frame noise weights were tuned at.</summary>
    public const double ReferenceFrameRate = 30;

    // Index 0..3 = cx, cy, w, h. Per coordinate: mean position and velocity, and the symmetric
    // 2×2 covariance [pp pv; pv vv].
    private Vec4 _x, _v, _pp, _pv, _vv;

    public KalmanBoxFilter(BoxF box) => Initiate(box);

    /// <summary>The estimated box.</summary>
    public BoxF Box => ToBox(_x[0], _x[1], _x[2], _x[3]);

    /// <summary>Velocity of the centre, pixels per second.</summary>
    public (float X, float Y) Velocity => ((float)_v[0], (float)_v[1]);

    /// <summary>Rate of change of the size, pixels per second.</summary>
    public (float W, float H) SizeVelocity => ((float)_v[2], (float)_v[3]);

    public BoxUncertainty Uncertainty => new(Sd(_pp[0]), Sd(_pp[1]), Sd(_pp[2]), Sd(_pp[3]));

    /// <summary>Restarts the filter at a box with unknown velocity.</summary>
    public void Initiate(BoxF box)
    {
        for (int i = 0; i < 4; i++)
        {
            double s = Scale(box, i);
            _x[i] = Measure(box, i);
            _v[i] = 0;
            _pp[i] = Sq(2 * StdWeightPosition * s);
            _pv[i] = 0;
            _vv[i] = Sq(10 * StdWeightVelocity * s * ReferenceFrameRate);
        }
    }

    /// <summary>Takes <paramref name="other"/>'s state: estimate, velocities and covariance.</summary>
    public void CopyFrom(KalmanBoxFilter other) => (_x, _v, _pp, _pv, _vv) = (other._x, other._v, other._pp, other._pv, other._vv);

    /// <summary>Advances the state by <paramref name="dt"/> seconds; zero or less does nothing.</summary>
    public void Predict(double dt)
    {
        if (!(dt > 0)) return;
        double frames = dt * ReferenceFrameRate;
        double sw = ScaleW(), sh = ScaleH(); // noise from the size before the step, as ByteTrack
        for (int i = 0; i < 4; i++)
        {
            double s = (i & 1) == 0 ? sw : sh;
            double qp = Sq(StdWeightPosition * s) * frames;
            double qv = Sq(StdWeightVelocity * s * ReferenceFrameRate) * frames;
            double pp = _pp[i], pv = _pv[i], vv = _vv[i];
            _x[i] += _v[i] * dt;
            _pp[i] = pp + 2 * dt * pv + dt * dt * vv + qp;
            _pv[i] = pv + dt * vv;
            _vv[i] = vv + qv;
        }
    }

    /// <summary>Corrects the state with a measured box.</summary>
    public void Update(BoxF measurement)
    {
        double sw = ScaleW(), sh = ScaleH();
        for (int i = 0; i < 4; i++)
        {
            double r = Sq(StdWeightPosition * ((i & 1) == 0 ? sw : sh));
            double pp = _pp[i], pv = _pv[i], vv = _vv[i];
            double s = pp + r;                   // innovation variance
            double k0 = pp / s, k1 = pv / s;     // Kalman gain
            double y = Measure(measurement, i) - _x[i];
            _x[i] += k0 * y;
            _v[i] += k1 * y;
            _pp[i] = pp - k0 * pp;               // P -= K S Kᵀ
            _pv[i] = pv - k0 * pv;
            _vv[i] = vv - k1 * pv;
        }
    }

    /// <summary>Freezes the size: a box nobody sees should neither shrink to nothing nor balloon (ByteTrack zeroes vh when lost).</summary>
    public void StopSizeChange()
    {
        _v[2] = 0;
        _v[3] = 0;
    }

    /// <summary>The box and its deviations <paramref name="dt"/> seconds ahead, leaving the filter as it is.</summary>
    public (BoxF Box, BoxUncertainty Sigma) Peek(double dt)
    {
        if (!(dt > 0)) return (Box, Uncertainty);
        double frames = dt * ReferenceFrameRate;
        double sw = ScaleW(), sh = ScaleH();
        Span<double> x = stackalloc double[4];
        Span<float> sd = stackalloc float[4];
        for (int i = 0; i < 4; i++)
        {
            double s = (i & 1) == 0 ? sw : sh;
            x[i] = _x[i] + _v[i] * dt;
            sd[i] = Sd(_pp[i] + 2 * dt * _pv[i] + dt * dt * _vv[i] + Sq(StdWeightPosition * s) * frames);
        }
        return (ToBox(x[0], x[1], x[2], x[3]), new BoxUncertainty(sd[0], sd[1], sd[2], sd[3]));
    }

    // Noise scales never reach zero, or a degenerate box would make the filter certain.
    private double ScaleW() => Math.Max(_x[2], 1);
    private double ScaleH() => Math.Max(_x[3], 1);

    private static double Scale(BoxF b, int i) => Math.Max((i & 1) == 0 ? b.W : b.H, 1);

    private static double Measure(BoxF b, int i) => i switch
    {
        0 => b.CenterX,
        1 => b.CenterY,
        2 => b.W,
        _ => b.H,
    };

    private static BoxF ToBox(double cx, double cy, double w, double h)
    {
        w = Math.Max(w, 0);
        h = Math.Max(h, 0);
        return new BoxF((float)(cx - w / 2), (float)(cy - h / 2), (float)w, (float)h);
    }

    private static double Sq(double a) => a * a;
    private static float Sd(double variance) => (float)Math.Sqrt(Math.Max(variance, 0));

    [InlineArray(4)]
    private struct Vec4
    {
        private double _e;
    }
}
