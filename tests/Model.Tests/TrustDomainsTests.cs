namespace MeshFed.Model.Tests;

public class TrustDomainsTests
{
    // A YAML block scalar or an escaped "\n" gives a value a final newline; .NET's '$' matches before it, so a
    // regex ending in '$' took "shop.example\n" for a trust domain and "spiffe://td/a\n" for an ID.
    [Theory]
    [InlineData("shop.example\n")]
    [InlineData("shop.example\r\n")]
    [InlineData("\nshop.example")]
    public void IsValid_FinalOrLeadingNewline_IsRefused(string value) => Assert.False(TrustDomains.IsValid(value));

    [Theory]
    [InlineData("spiffe://shop.example/ns/a/sa/b\n")]
    [InlineData("spiffe://shop.example\n/ns/a")]
    [InlineData("spiffe://shop.example\n")]
    public void TryParseId_Newline_IsRefused(string value) => Assert.False(TrustDomains.TryParseId(value, out _, out _));

    [Fact]
    public void IsValid_At255Characters_IsAccepted_At256Refused()
    {
        Assert.True(TrustDomains.IsValid(new string('a', TrustDomains.MaxLength)));
        Assert.False(TrustDomains.IsValid(new string('a', TrustDomains.MaxLength + 1)));
    }
}
