using System.Drawing;
using Veil.Violations.Rules;

namespace Veil.Violations.Tests.Rules;

public sealed class RidingGeometryTests
{
    private static readonly RectangleF Scooter = new(100, 440, 40, 60); // bottom 500

    [Theory]
    [InlineData(105, 495, 1.0f)]   // feet on the deck, fully over it
    [InlineData(95, 495, 25 / 30f)] // 5 px off to the side
    [InlineData(127, 495, 0f)]     // only 13 of 30 px over it, under half
    [InlineData(105, 520, 0f)]     // feet 20 px below the wheels: standing in front of it
    [InlineData(105, 450, 0f)]     // feet at the handlebar's height: standing behind it
    [InlineData(105, 506, 1.0f)]   // a foot off the deck, within the 15 % allowance
    public void APersonRidesWhenTheirFeetAreOverTheLowerPartOfTheVehicle(float left, float bottom, float expected)
    {
        var person = new RectangleF(left, bottom - 150, 30, 150);

        Assert.Equal(expected, new RidingGeometry().RidingOverlap(person, Scooter), 1e-5f);
    }

    [Fact]
    public void APersonBetweenTwoVehiclesRidesTheOneTheyOverlapMost()
    {
        var book = new Veil.Violations.Tracks.TrackBook();
        var now = DateTimeOffset.UnixEpoch;
        book.Observe(now,
        [
            new(1, Veil.Violations.Tracks.TrackClass.Bicycle, new RectangleF(100, 440, 40, 60), now, 0.9f),
            new(2, Veil.Violations.Tracks.TrackClass.Bicycle, new RectangleF(135, 440, 40, 60), now, 0.9f),
            new(3, Veil.Violations.Tracks.TrackClass.Person, new RectangleF(125, 345, 30, 150), now, 0.9f),
        ]);

        var riders = RiderFinder.Find(book.Current, new RidingGeometry());

        Assert.Empty(riders.Single(r => r.Vehicle.TrackId == 1).Persons);
        Assert.Equal([3L], riders.Single(r => r.Vehicle.TrackId == 2).PersonIds);
    }
}
