using Microsoft.Extensions.Logging;

namespace Veil.Sidecar.Web;

internal static partial class WebLog
{
    [LoggerMessage(EventId = 101, Level = LogLevel.Warning, Message = "sidecar: {Folder} is missing, so the web pages cannot load their libraries; run scripts/vendor-web.sh and build again")]
    public static partial void VendorMissing(ILogger logger, string folder);
}
