namespace Veil.Sidecar.Api;

/// <summary>Statistics ready to send: the JSON body, its ETag and the Last-Modified time.</summary>
internal sealed record CachedStats(byte[] Json, string ETag, DateTimeOffset? LastModified);
