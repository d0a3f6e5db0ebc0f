using System.Drawing;
using Veil.Violations.Events;
using Veil.Violations.Tracks;
using Veil.Violations.Zones;

namespace Veil.Violations.Rules;

/// <summary>
/// A person moving at vehicle speed with no two-wheeler detected under them. A COCO detector has
/// no e-scooter class and rarely sees the thin deck, so this is how an e-scooter rider looks to it.
/// </summary>
public sealed class RiderWithoutVehicleRule : IViolationRule
{
    private readonly RiderWithoutVehicleParameters _parameters;

    public RiderWithoutVehicleRule(RiderWithoutVehicleParameters? parameters = null)
    {
        _parameters = parameters ?? new RiderWithoutVehicleParameters();
        _parameters.Validate();
    }

    public string Name => ViolationKinds.RiderWithoutVehicle;

    public TimeSpan MinimumDuration => _parameters.MinimumDuration;

    public string? UnavailableReason(RuleEnvironment environment) =>
        environment.Ground is null ? RuleParameters.NoGroundCalibration : null;

    public IEnumerable<RuleFinding> Evaluate(RuleContext context)
    {
        var riding = context.Riders(_parameters.Riding).SelectMany(r => r.Persons).Select(p => p.TrackId).ToHashSet();
        var cars = context.Tracks.Where(t => t.Latest.Class == TrackClass.Car).Select(t => t.Latest.Box).ToArray();
        foreach (var person in context.Tracks)
        {
            if (person.Latest.Class != TrackClass.Person || riding.Contains(person.TrackId)) continue;
            if (cars.Any(car => ShareInside(person.Latest.Box, car) >= _parameters.InsideCarShare)) continue;
            if (!context.TryMotion(person, _parameters.MotionWindow, out var motion)) continue;
            if (motion.KilometresPerHour <= _parameters.MinimumSpeedKmh) continue;
            yield return new RuleFinding(
                [person.TrackId], GroundContact.Of(person.Latest.Box), person.Latest.Score,
                new ViolationDetails { SpeedKmh = motion.KilometresPerHour, HeadingDegrees = motion.HeadingDegrees });
        }
    }

    /// <summary>The share of <paramref name="box"/>'s area that lies inside <paramref name="container"/>.</summary>
    private static double ShareInside(RectangleF box, RectangleF container)
    {
        var inside = RectangleF.Intersect(box, container);
        double area = (double)box.Width * box.Height;
        return area > 0 ? (double)inside.Width * inside.Height / area : 0;
    }
}
