using Microsoft.Extensions.Logging;
using Veil.Sidecar.Media;
using Veil.Sidecar.Store;

namespace Veil.Sidecar.Api;

/// <summary>What the endpoints share: the store, the media files, the tokens and the statistics cache.</summary>
internal sealed record ApiContext(IEventStore Store, MediaStore Media, ApiAuth Auth, StatsCache Stats, ILogger Log);
