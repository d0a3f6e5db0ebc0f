// A sample camera publishing into `veil serve` over gRPC (protos/veil/publish.proto): a moving test
// pattern as raw I420 frames, or a JPEG picture as every frame, at the given frame rate. It prints
// what the server answers (acks, stats, keyframe requests) and exits 1 with the server's reason
// when the call fails.
//
//   veil-camera --server http://127.0.0.1:50051 --stream cam --key KEY [--jpeg face.jpg] [--seconds 5] [--fps 25] [--size 640x360]
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using Veil.Protos;

var options = Options.Parse(args);
if (options is null)
{
    Console.Error.WriteLine("usage: veil-camera --server URL --stream NAME --key KEY [--jpeg FILE] [--seconds N] [--fps N] [--size WxH]");
    return 2;
}
using var channel = GrpcChannel.ForAddress(options.Server, new GrpcChannelOptions { MaxSendMessageSize = 64 << 20 });
var client = new Publisher.PublisherClient(channel);
using var call = client.Publish(new Metadata { { "authorization", $"Bearer {options.Key}" } });
var replies = Task.Run(async () =>
{
    await foreach (var reply in call.ResponseStream.ReadAllAsync())
        Console.WriteLine($"veil-camera: {reply}");
});
try
{
    byte[]? jpeg = options.Jpeg is null ? null : File.ReadAllBytes(options.Jpeg);
    await call.RequestStream.WriteAsync(new PublishRequest
    {
        Settings = new StreamSettings
        {
            Stream = options.Stream,
            Kind = jpeg is null ? MediaKind.Raw : MediaKind.Jpeg,
            Width = (uint)options.Width,
            Height = (uint)options.Height,
            PixelFormat = PixelFormat.I420,
            FrameRate = options.Fps,
        },
    });
    var pattern = new byte[options.Width * options.Height * 3 / 2];
    var start = DateTime.UtcNow;
    int frames = (int)(options.Seconds * options.Fps);
    for (int i = 0; i < frames; i++)
    {
        long ptsUs = (long)(i * 1_000_000 / options.Fps);
        var request = jpeg is not null
            ? new PublishRequest { Jpeg = new JpegFrame { Data = ByteString.CopyFrom(jpeg), PtsUs = ptsUs } }
            : new PublishRequest { Raw = new RawFrame { Data = ByteString.CopyFrom(Pattern(pattern, options.Width, options.Height, i)), PtsUs = ptsUs } };
        await call.RequestStream.WriteAsync(request);
        var due = start + TimeSpan.FromMicroseconds(ptsUs);
        if (due > DateTime.UtcNow) await Task.Delay(due - DateTime.UtcNow); // a camera sends in real time
    }
    await call.RequestStream.CompleteAsync();
    await replies;
    Console.WriteLine($"veil-camera: sent {frames} frames");
    return 0;
}
catch (RpcException e)
{
    Console.Error.WriteLine($"veil-camera: the server ended the call: {e.Status.StatusCode}: {e.Status.Detail}");
    return 1;
}

// Moving diagonal bars in luma, flat chroma: enough texture for the encoder, no faces.
static byte[] Pattern(byte[] frame, int w, int h, int index)
{
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++)
            frame[y * w + x] = (byte)(((x + y + index * 4) / 16 % 2) * 160 + 40);
    frame.AsSpan(w * h).Fill(128);
    return frame;
}

internal sealed record Options(string Server, string Stream, string Key, string? Jpeg, double Seconds, double Fps, int Width, int Height)
{
    public static Options? Parse(string[] args)
    {
        var map = new Dictionary<string, string>();
        for (int i = 0; i + 1 < args.Length; i += 2) map[args[i]] = args[i + 1];
        if (!map.TryGetValue("--server", out var server) || !map.TryGetValue("--stream", out var stream) || !map.TryGetValue("--key", out var key)) return null;
        var size = map.GetValueOrDefault("--size", "640x360").Split('x');
        return new Options(server, stream, key, map.GetValueOrDefault("--jpeg"),
            double.Parse(map.GetValueOrDefault("--seconds", "5"), System.Globalization.CultureInfo.InvariantCulture),
            double.Parse(map.GetValueOrDefault("--fps", "25"), System.Globalization.CultureInfo.InvariantCulture),
            int.Parse(size[0]), int.Parse(size[1]));
    }
}
