using BenchmarkDotNet.Attributes;
using Veil.Core.Frames;

namespace Veil.Benchmarks;

/// <summary>
/// Renting and returning a 1280x720 frame, against allocating and writing a fresh native frame
/// each time: the steady state of the pool should allocate nothing managed.
/// </summary>
[MemoryDiagnoser]
public class FramePoolBenchmarks
{
    private FramePool _pool = null!;

    [GlobalSetup]
    public void Setup()
    {
        _pool = new FramePool(1280, 720, NativeFrameBuffer.Allocate);
        _pool.Rent().Release();
    }

    [Benchmark(Baseline = true)]
    public void RentRelease() => _pool.Rent().Release();

    [Benchmark]
    public void RentFourReleaseFour()
    {
        var a = _pool.Rent();
        var b = _pool.Rent();
        var c = _pool.Rent();
        var d = _pool.Rent();
        a.Release();
        b.Release();
        c.Release();
        d.Release();
    }

    /// <summary>What the pool saves: fresh memory costs a page fault per 4 KiB once written.</summary>
    [Benchmark]
    public unsafe void AllocateWriteFree()
    {
        using var buffer = new NativeFrameBuffer(1280, 720);
        var planes = buffer.Planes;
        for (int y = 0; y < planes.Height; y += 2) planes.YRow(y)[0] = 1;
        for (int y = 0; y < planes.ChromaHeight; y += 4) { planes.URow(y)[0] = 1; planes.VRow(y)[0] = 1; }
    }

    [GlobalCleanup]
    public void Cleanup() => _pool.Dispose();
}
