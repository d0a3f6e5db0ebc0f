using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Veil.Server.Serve;

namespace Veil.Server.Cli;

/// <summary>`veil serve`: the live server, its streams from configuration and the command line.</summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var config = new Option<FileInfo?>("--config") { Description = "A JSON configuration file (section \"Veil\"), read after ./appsettings.json and before environment variables (Veil__AdminToken=...)." };
        var http = new Option<string?>("--http") { Description = "Where the control API, /healthz, /readyz and /metrics listen (default http://127.0.0.1:8080)." };
        var adminToken = new Option<string?>("--admin-token") { Description = "Bearer token for the control API (default: Veil:AdminToken, or one made at start and logged)." };
        var forward = new Option<string?>("--forward") { Description = "Relay every stream, anonymized, to this rtmp:// URL; {stream} is replaced by the stream's name." };
        var pull = new Option<string[]>("--pull")
        {
            Description = "A stream pulled from a source: NAME=URL (rtsp://, srt://, rtmp://, http(s)://, or a file). Repeatable.",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var stream = new Option<string[]>("--stream")
        {
            Description = "A stream publishers push to (RTMP, SRT, gRPC, WHIP): NAME:KEY (OBS: Server rtmp://HOST:1935/live, Stream Key KEY). Repeatable.",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var rtmp = new Option<string?>("--rtmp") { Description = "Where RTMP publishers connect, host:port (default 127.0.0.1:1935; 'off' for none)." };
        var srt = new Option<string?>("--srt") { Description = "Where SRT publishers connect, host:port (UDP; off by default), e.g. 127.0.0.1:8890: ffmpeg ... -f mpegts 'srt://HOST:8890?streamid=publish:STREAM:KEY'." };
        var grpc = new Option<string?>("--grpc") { Description = "Where gRPC publishers connect, host:port (default 127.0.0.1:50051; 'off' for none)." };
        var webRtc = new Option<string?>("--webrtc") { Description = "The UDP port WHIP publishers and WHEP viewers use, host:port (default 127.0.0.1:8189; 'off' for none). Pages: /web/publish.html, /web/watch.html." };
        var events = new Option<string?>("--events") { Description = "Run the violation rules on every stream (zones and calibration from --camera) and keep their events in this outbox folder." };
        var sidecar = new Option<string?>("--sidecar") { Description = "Deliver the events to this sidecar (http://HOST:PORT), at least once; undelivered ones wait in the outbox, also across restarts." };
        var sidecarToken = new Option<string?>("--sidecar-token") { Description = "The sidecar's ingest token (or VEIL_SIDECAR_INGEST_TOKEN)." };
        var hook = new Option<string[]>("--hook")
        {
            Description = "POST every stream event (published, running, failed, stopped, violation) to this http(s):// URL, signed with --hook-secret. Repeatable; Veil:Hooks in the config for more.",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var hookSecret = new Option<string?>("--hook-secret") { Description = "The HMAC-SHA256 key of --hook's Veil-Signature header, at least 16 characters (or VEIL_HOOK_SECRET)." };
        var to = new Option<string[]>("--to") { Description = "A destination for every --pull and --stream stream (rtmp:// URL or file; a file that is there is never written over: each run writes NAME.EXT, else NAME-2.EXT, ...). Repeatable.", Arity = ArgumentArity.ZeroOrMore };
        var hls = new Option<string?>("--hls") { Description = "The folder each stream's HLS output is written to, served at /hls/STREAM/index.m3u8 (default: Veil:Hls:Directory, or a temp folder; 'off' for no HLS)." };
        var record = new Option<string?>("--record") { Description = "Record each stream's anonymized output as MP4 files in this folder, a subfolder per stream (Veil:Recording:Directory)." };
        var recordSegment = new Option<double?>("--record-segment-seconds") { Description = "Each recording file's length (default 60; cut at a keyframe)." };
        var recordKeep = new Option<double?>("--record-keep-hours") { Description = "Recording files older than this are deleted (default 24; fractions allowed)." };
        var recordMax = new Option<double?>("--record-max-mb") { Description = "The most one stream's recordings may take, in MB; the oldest go first (default: no limit)." };
        var recordMaxTotal = new Option<double?>("--record-max-total-mb") { Description = "The most all recordings may take together, in MB (default: no limit)." };
        var loop = new Option<bool>("--loop") { Description = "Start --pull file sources again when they end (a camera for tests and demos)." };
        var common = new CommonOptions();
        var detection = new DetectionOptionsCli();

        var command = new Command("serve", "Run the live server: pull or take camera streams, anonymize them and push them to RTMP destinations, with a control API, health checks and metrics.");
        command.Options.Add(config);
        command.Options.Add(http);
        command.Options.Add(adminToken);
        command.Options.Add(stream);
        command.Options.Add(rtmp);
        command.Options.Add(srt);
        command.Options.Add(grpc);
        command.Options.Add(webRtc);
        command.Options.Add(events);
        command.Options.Add(sidecar);
        command.Options.Add(sidecarToken);
        command.Options.Add(hook);
        command.Options.Add(hookSecret);
        command.Options.Add(pull);
        command.Options.Add(to);
        command.Options.Add(loop);
        command.Options.Add(hls);
        command.Options.Add(record);
        command.Options.Add(recordSegment);
        command.Options.Add(recordKeep);
        command.Options.Add(recordMax);
        command.Options.Add(recordMaxTotal);
        command.Options.Add(forward);
        common.AddTo(command);
        detection.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            try
            {
                var settings = Load(parse.GetValue(config));
                if (parse.GetValue(http) is { } h) settings = settings with { Http = h };
                if (parse.GetValue(adminToken) is { } t) settings = settings with { AdminToken = t };
                if (parse.GetValue(forward) is { } f) settings = settings with { Forward = f };
                if (parse.GetValue(rtmp) is { } r) settings = settings with { Rtmp = r == "off" ? "" : r };
                if (parse.GetValue(srt) is { } sr) settings = settings with { Srt = sr == "off" ? "" : sr };
                if (parse.GetValue(grpc) is { } g) settings = settings with { Grpc = g == "off" ? "" : g };
                if (parse.GetValue(webRtc) is { } w) settings = settings with { WebRtc = w == "off" ? "" : w };
                if (parse.GetValue(hls) is { } hlsDir) settings = settings with { Hls = hlsDir == "off" ? settings.Hls with { Enabled = false } : settings.Hls with { Directory = hlsDir } };
                var recording = settings.Recording;
                if (parse.GetValue(record) is { } recordDir) recording = recording with { Directory = recordDir };
                if (parse.GetValue(recordSegment) is { } segment) recording = recording with { SegmentSeconds = segment };
                if (parse.GetValue(recordKeep) is { } keep) recording = recording with { KeepHours = keep };
                if (parse.GetValue(recordMax) is { } max) recording = recording with { MaxMegabytesPerStream = max };
                if (parse.GetValue(recordMaxTotal) is { } maxTotal) recording = recording with { MaxMegabytesTotal = maxTotal };
                settings = settings with { Recording = recording };
                var destinations = parse.GetValue(to) ?? [];
                foreach (var p in parse.GetValue(pull) ?? [])
                {
                    int eq = p.IndexOf('=');
                    if (eq <= 0) throw new FormatException($"--pull '{p}': expected NAME=URL");
                    settings.Streams.Add(new StreamSpec { Name = p[..eq], Source = p[(eq + 1)..], Destinations = destinations, Loop = parse.GetValue(loop) });
                }
                foreach (var p in parse.GetValue(stream) ?? [])
                {
                    int colon = p.IndexOf(':');
                    if (colon <= 0) throw new FormatException($"--stream '{p}': expected NAME:KEY");
                    settings.Streams.Add(new StreamSpec { Name = p[..colon], Key = p[(colon + 1)..], Destinations = destinations });
                }
                // Flags given on the command line override the configuration's policy (each stream's own fields still win for it).
                settings = settings with { Redaction = detection.GivenPolicy(parse, common).Over(settings.Redaction) };
                foreach (var url in parse.GetValue(hook) ?? [])
                    settings.Hooks.Add(new Hooks.HookSpec { Url = url, Secret = parse.GetValue(hookSecret) ?? Environment.GetEnvironmentVariable("VEIL_HOOK_SECRET") });
                var problems = settings.Problems();
                if (problems.Count > 0) throw new ArgumentException("configuration: " + string.Join("; ", problems));
                var template = detection.Settings(parse, common, "", []) with
                {
                    Classes = settings.ClassesOfAllStreams(), // the models every stream may need are loaded once
                    Violations = parse.GetValue(events) is { } folder
                        ? new Violations.ViolationSettings(folder, parse.GetValue(sidecar), parse.GetValue(sidecarToken) ?? Environment.GetEnvironmentVariable("VEIL_SIDECAR_INGEST_TOKEN"))
                        : null,
                };
                if (template.Violations is not null && template.Camera is null && settings.Streams.All(s => s.Camera is null))
                    throw new ArgumentException("--events needs --camera (or a Camera per stream in the config): the violation rules read the camera's zones and calibration from it");
                return await ServeHost.RunAsync(settings, template, ct);
            }
            catch (Exception e)
            {
                return CliFailure.Report(e);
            }
        });
        return command;
    }

    /// <summary>./appsettings.json, then --config, then environment variables; section "Veil".</summary>
    private static ServeSettings Load(FileInfo? file)
    {
        if (file is { Exists: false }) throw new FileNotFoundException($"--config {file.FullName}: no such file");
        var builder = new ConfigurationBuilder().AddJsonFile(Path.Combine(Environment.CurrentDirectory, "appsettings.json"), optional: true);
        if (file is not null) builder.AddJsonFile(file.FullName, optional: false);
        try
        {
            var configuration = builder.AddEnvironmentVariables().Build();
            return configuration.GetSection("Veil").Get<ServeSettings>() ?? new ServeSettings();
        }
        catch (InvalidDataException e) { throw new FormatException($"configuration: {e.Message}", e); }
        catch (InvalidOperationException e) { throw new FormatException($"configuration: {e.Message}{(e.InnerException is { } i ? " (" + i.Message + ")" : "")}", e); }
    }
}
