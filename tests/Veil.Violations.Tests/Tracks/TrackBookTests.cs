using System.Drawing;
using Veil.Violations.Tests.Support;
using Veil.Violations.Tracks;

namespace Veil.Violations.Tests.Tracks;

public sealed class TrackBookTests
{
    private static TrackObservation Seen(long id, double seconds) =>
        new(id, TrackClass.Person, new RectangleF(0, 0, 10, 30), Scene.At(seconds), 0.8f);

    [Fact]
    public void HistoryKeepsOnlyTheWindow()
    {
        var book = new TrackBook(new TrackBookOptions { Window = TimeSpan.FromSeconds(2) });
        for (int i = 0; i <= 50; i++) book.Observe(Scene.At(i * 0.1), [Seen(1, i * 0.1)]);

        Assert.True(book.TryGet(1, out var history));
        Assert.Equal(21, history.Observations.Count); // 3.0 … 5.0 s
        Assert.Equal(Scene.At(3.0), history.Observations[0].Time);
        Assert.Equal(Scene.At(5.0), history.LastSeen);
    }

    [Fact]
    public void CurrentHoldsOnlyTheTracksOfTheLatestFrame()
    {
        var book = new TrackBook();
        book.Observe(Scene.At(0), [Seen(1, 0), Seen(2, 0)]);
        book.Observe(Scene.At(0.1), [Seen(2, 0.1)]);

        Assert.Equal([2L], book.Current.Select(t => t.TrackId));
        Assert.Equal(2, book.Count); // track 1 is unseen, not yet forgotten
    }

    [Fact]
    public void TracksUnseenLongerThanForgetAfterAreDropped()
    {
        var book = new TrackBook(new TrackBookOptions { ForgetAfter = TimeSpan.FromSeconds(1) });
        book.Observe(Scene.At(0), [Seen(1, 0), Seen(2, 0)]);
        book.Observe(Scene.At(1.0), [Seen(2, 1.0)]);
        Assert.True(book.TryGet(1, out _));

        book.Observe(Scene.At(1.1), [Seen(2, 1.1)]);

        Assert.False(book.TryGet(1, out _));
        Assert.True(book.TryGet(2, out _));
    }

    [Fact]
    public void FramesOutOfOrderAreRefused()
    {
        var book = new TrackBook();
        book.Observe(Scene.At(1), [Seen(1, 1)]);

        var error = Assert.Throws<ArgumentException>(() => book.Observe(Scene.At(0.5), [Seen(1, 0.5)]));
        Assert.Contains("not after the previous frame", error.Message);
    }

    [Fact]
    public void ATrackTwiceInOneFrameIsRefused()
    {
        var error = Assert.Throws<ArgumentException>(() => new TrackBook().Observe(Scene.At(0), [Seen(4, 0), Seen(4, 0)]));

        Assert.Contains("Track 4 appears twice", error.Message);
    }
}
