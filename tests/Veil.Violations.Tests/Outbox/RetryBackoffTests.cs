using Veil.Violations.Outbox;

namespace Veil.Violations.Tests.Outbox;

public sealed class RetryBackoffTests
{
    [Theory]
    [InlineData(1, 0.5)]
    [InlineData(2, 1.0)]
    [InlineData(3, 2.0)]
    [InlineData(6, 16.0)]
    [InlineData(7, 30.0)]
    [InlineData(1000, 30.0)]
    public void Delays_double_from_half_a_second_up_to_thirty_within_twenty_percent(int failures, double expectedSeconds)
    {
        var backoff = new RetryBackoff(TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(30));
        var delays = Enumerable.Range(0, 200).Select(_ => backoff.Delay(failures).TotalSeconds).ToList();

        Assert.All(delays, d => Assert.InRange(d, expectedSeconds * 0.8, Math.Min(expectedSeconds * 1.2, 30)));
        Assert.True(delays.Distinct().Count() > 1, "the delays carry no jitter");
    }
}
