using System.Drawing;

namespace Veil.Violations.Rules;

/// <summary>
/// When a person box counts as riding a two-wheeler box, from geometry alone: the person's
/// bottom (feet on pedals, deck or pegs) lies within the lower part of the vehicle's vertical
/// extent, and the two boxes overlap horizontally. A pedestrian standing right behind a parked
/// bicycle can look the same in one frame; rules that care also ask for motion or duration.
/// </summary>
public sealed record RidingGeometry
{
    /// <summary>Least horizontal overlap, as a share of the narrower box's width.</summary>
    public float MinimumHorizontalOverlap { get; init; } = 0.5f;

    /// <summary>The person's bottom must be at least this share of the vehicle's height below the vehicle's top.</summary>
    public float MinimumBottomDepth { get; init; } = 0.3f;

    /// <summary>The person's bottom may reach this share of the vehicle's height below the vehicle's bottom (a foot off the deck).</summary>
    public float BelowVehicleTolerance { get; init; } = 0.15f;

    public void Validate()
    {
        if (!(MinimumHorizontalOverlap > 0 && MinimumHorizontalOverlap <= 1))
            throw new ArgumentException($"MinimumHorizontalOverlap ({MinimumHorizontalOverlap}) must be within (0, 1].");
        if (!(MinimumBottomDepth >= 0 && MinimumBottomDepth < 1))
            throw new ArgumentException($"MinimumBottomDepth ({MinimumBottomDepth}) must be within [0, 1).");
        if (!(BelowVehicleTolerance >= 0 && BelowVehicleTolerance <= 1))
            throw new ArgumentException($"BelowVehicleTolerance ({BelowVehicleTolerance}) must be within [0, 1].");
    }

    /// <summary>The horizontal overlap ratio when <paramref name="person"/> rides <paramref name="vehicle"/>, 0 when not.</summary>
    public float RidingOverlap(RectangleF person, RectangleF vehicle)
    {
        if (vehicle.Height <= 0 || person.Width <= 0 || vehicle.Width <= 0) return 0;
        float lowest = vehicle.Bottom + BelowVehicleTolerance * vehicle.Height;
        float highest = vehicle.Top + MinimumBottomDepth * vehicle.Height;
        if (person.Bottom < highest || person.Bottom > lowest) return 0;
        float overlap = Math.Min(person.Right, vehicle.Right) - Math.Max(person.Left, vehicle.Left);
        float ratio = overlap / Math.Min(person.Width, vehicle.Width);
        return ratio >= MinimumHorizontalOverlap ? ratio : 0;
    }
}
