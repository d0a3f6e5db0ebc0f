namespace Veil.Violations.Tests.Outbox;

/// <summary>Waits for a condition that background work makes true, failing with a description when it does not.</summary>
internal static class Poll
{
    public static async Task UntilAsync(Func<bool> condition, TimeSpan timeout, Func<string> describe)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"not reached within {timeout.TotalSeconds} s: {describe()}");
            await Task.Delay(20);
        }
    }
}
