using Veil.Core.Geometry;
using Veil.Vision.Regions;

namespace Veil.Vision.Tests.Regions;

public sealed class SafetyNetTests
{
    [Theory]
    [InlineData(1280, 720, 8)]
    [InlineData(640, 360, 8)]
    [InlineData(1920, 1080, 8)]
    [InlineData(1280, 720, 24)]
    public void Every_pixel_is_read_within_one_cycle_by_tiles_that_overlap_by_a_wide_plate(int width, int height, int frames)
    {
        var net = new SafetyNet(frames);
        int cycle = net.Cycle(width, height);
        Assert.True(cycle <= Math.Max(frames, 9), $"a cycle of {cycle} frames");
        var read = new bool[width * height];
        var tiles = new List<PixelRect>();
        for (long f = 1000; f < 1000 + cycle; f++) // any start: the schedule only depends on the frame number
        {
            var tile = net.TileFor(f, width, height);
            if (tile.IsEmpty) continue;
            tiles.Add(tile);
            Assert.True(tile.Right <= width && tile.Bottom <= height && tile.X >= 0 && tile.Y >= 0);
            for (int y = tile.Y; y < tile.Bottom; y++)
            for (int x = tile.X; x < tile.Right; x++) read[y * width + x] = true;
        }
        for (int y = 0; y < height; y++)
        for (int x = 0; x < width; x++) Assert.True(read[y * width + x], $"({x},{y}) was never read in {cycle} frames");
        foreach (var a in tiles)
        foreach (var b in tiles)
        {
            var shared = a.Intersect(b);
            if (a != b && !shared.IsEmpty) Assert.True(shared.Width >= 64 || shared.Height >= 64, $"{a} and {b} meet over {shared}");
        }
    }
}
