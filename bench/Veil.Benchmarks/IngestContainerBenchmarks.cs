using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using Veil.Media.Codecs;
using Veil.Media.Demux;

namespace Veil.Benchmarks;

/// <summary>
/// What the container costs a push ingest. RTMP, WHIP and gRPC hand their codec packets to FFmpeg
/// inside a container (FLV, Matroska, Annex B) that its demuxer parses back; the alternative is to
/// hand packets to the decoder directly. Measured per video packet of a real 720p H.264 clip (the
/// traffic camera, or a generated one when ../shared is absent): the clip written as FLV into a
/// <see cref="StreamFeed"/> and demuxed from it (the copy into the feed, FFmpeg's probe and its FLV
/// parse: everything the container adds), against decoding the same packets, the least the
/// pipeline does with each. The first should be a small fraction of the second.
/// </summary>
[MemoryDiagnoser(false)]
public class IngestContainerBenchmarks
{
    private const int WriteSize = 4096; // an RTMP publisher's chunk size
    private byte[] _flv = [];
    private string _file = "";

    [GlobalSetup]
    public void Setup()
    {
        _file = Path.Combine(Path.GetTempPath(), $"veil-ingest-bench-{Environment.ProcessId}.flv");
        string? clip = SharedClip();
        string[] input = clip is null
            ? ["-f", "lavfi", "-i", "testsrc2=size=1280x720:rate=25:duration=10", "-c:v", "libx264", "-preset", "veryfast", "-g", "50", "-bf", "0"]
            : ["-i", clip, "-c:v", "copy"];
        Run("ffmpeg", ["-hide_banner", "-v", "error", "-y", .. input, "-an", "-f", "flv", _file]);
        _flv = File.ReadAllBytes(_file);
    }

    [GlobalCleanup]
    public void Cleanup() => File.Delete(_file);

    /// <summary>The clip's FLV bytes through a feed and FFmpeg's flv demuxer, probe included.</summary>
    [Benchmark(Baseline = true, Description = "FLV feed -> demuxed packets")]
    public int Container() => Demux();

    /// <summary>Decoding the same packets (read from the file, so no feed is involved).</summary>
    [Benchmark(Description = "decode the packets")]
    public int Decode()
    {
        using var input = MediaInput.Open(_file);
        using var decoder = new VideoDecoder(input, input.BestVideo!);
        using var packet = new MediaPacket();
        int frames = 0;
        while (input.TryReadPacket(packet))
        {
            decoder.Send(packet);
            while (decoder.TryReceive(0, out var frame)) { frame!.Release(); frames++; }
        }
        decoder.Send(null);
        while (decoder.TryReceive(0, out var frame)) { frame!.Release(); frames++; }
        return frames;
    }

    private int Demux()
    {
        var feed = new StreamFeed(capacityBytes: _flv.Length + (1 << 20)) { Format = "flv" };
        for (int at = 0; at < _flv.Length; at += WriteSize) feed.Write(_flv.AsSpan(at, Math.Min(WriteSize, _flv.Length - at)));
        feed.Complete();
        using var input = MediaInput.Open("flv feed", new InputOptions { Feed = feed, Format = "flv" });
        using var packet = new MediaPacket();
        int packets = 0;
        while (input.TryReadPacket(packet)) packets++;
        return packets;
    }

    private static string? SharedClip()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Stream.sln")))
            {
                string clip = Path.Combine(dir.FullName, "..", "shared", "data", "videos", "pran786_Yolo-licenseplate", "license_plate.mp4");
                return File.Exists(clip) ? clip : null;
            }
        return null;
    }

    private static void Run(string program, string[] args)
    {
        var psi = new ProcessStartInfo(program) { RedirectStandardError = true };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        string err = p.StandardError.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0) throw new InvalidOperationException($"{program} failed: {err}");
    }
}
