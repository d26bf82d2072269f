namespace MeshFed.Model.Tests;

public class DurationTextTests
{
    [Theory]
    [InlineData("250ms", 250)]
    [InlineData("10s", 10_000)]
    [InlineData("1m", 60_000)]
    [InlineData("1m30s", 90_000)]
    [InlineData("1.5s", 1_500)]
    [InlineData("2h", 7_200_000)]
    [InlineData("1h1m1s1ms", 3_661_001)]
    public void TryParse_GoStyle_GivesMilliseconds(string text, long milliseconds)
    {
        Assert.True(DurationText.TryParse(text, out var value, out var error), error);
        Assert.Equal(milliseconds, (long)value.TotalMilliseconds);
    }

    [Theory]
    [InlineData("", "not a duration")]
    [InlineData("10", "without a unit")]
    [InlineData("10sec", "unknown unit")]
    [InlineData("0s", "longer than zero")]
    [InlineData("1.5ms", "finer than a millisecond")]
    [InlineData("100us", "finer than the millisecond")]
    [InlineData(".5s", "number followed by a unit")]
    [InlineData("1.s", "number followed by a unit")]
    [InlineData("-1s", "number followed by a unit")]
    [InlineData("9000h", "365 days")]
    public void TryParse_Malformed_SaysWhy(string text, string why)
    {
        Assert.False(DurationText.TryParse(text, out _, out var error));
        Assert.Contains(why, error);
    }

    [Theory]
    [InlineData(250, "250ms")]
    [InlineData(10_000, "10s")]
    [InlineData(90_000, "1m30s")]
    [InlineData(3_600_000, "1h")]
    [InlineData(3_690_000, "1h1m30s")]
    [InlineData(1_500, "1500ms")]
    public void Format_RoundTrips(long milliseconds, string text)
    {
        Assert.Equal(text, DurationText.Format(TimeSpan.FromMilliseconds(milliseconds)));
        Assert.True(DurationText.TryParse(text, out var back, out _));
        Assert.Equal(milliseconds, (long)back.TotalMilliseconds);
    }
}
