using MeshFed.Model.Binding;
using MeshFed.Model.Yaml;

namespace MeshFed.Model.Tests;

public class NamingTests
{
    [Theory]
    [InlineData("a", true)]
    [InlineData("checkout-v2", true)]
    [InlineData("Checkout", false)]
    [InlineData("1checkout", false)]
    [InlineData("checkout-", false)]
    [InlineData("check_out", false)]
    [InlineData("", false)]
    public void IsDnsLabel_FollowsRfc1035(string name, bool valid) => Assert.Equal(valid, Names.IsDnsLabel(name));

    [Fact]
    public void IsDnsLabel_AtMost63Characters()
    {
        Assert.True(Names.IsDnsLabel(new string('a', 63)));
        Assert.False(Names.IsDnsLabel(new string('a', 64)));
    }

    [Theory]
    [InlineData("regin", "region")]
    [InlineData("jwksUrl", "jwksUri")]
    [InlineData("Provider", "provider")]
    [InlineData("deployment", "deployments")]
    public void Closest_FindsTheLikelyTypo(string typo, string meant) =>
        Assert.Equal(meant, Suggestions.Closest(typo, ["name", "provider", "region", "jwksUri", "deployments", "ports"]));

    [Fact]
    public void Closest_IgnoresUnrelatedWords() => Assert.Null(Suggestions.Closest("banana", ["name", "provider", "region"]));

    [Theory]
    [InlineData("8080", ScalarKind.Integer)]
    [InlineData("0x1F", ScalarKind.Integer)]
    [InlineData("1.5", ScalarKind.Float)]
    [InlineData(".inf", ScalarKind.Float)]
    [InlineData("true", ScalarKind.Boolean)]
    [InlineData("yes", ScalarKind.String)]
    [InlineData("~", ScalarKind.Null)]
    [InlineData("10s", ScalarKind.String)]
    [InlineData("1.2.3.4", ScalarKind.String)]
    [InlineData("8080\n", ScalarKind.String)] // the core schema's regexes match the whole scalar; .NET's $ would not
    [InlineData("1.5\n", ScalarKind.String)]
    public void ResolvePlain_FollowsYaml12CoreSchema(string text, ScalarKind kind) => Assert.Equal(kind, CoreSchema.ResolvePlain(text));

    [Theory]
    [InlineData("gw.aws.example", true)]
    [InlineData("10.20.0.5", true)]
    [InlineData("::1", true)]
    [InlineData("10.20.0.300", false)]
    [InlineData("https://gw.example", false)]
    [InlineData("gw.example:443", false)]
    public void IsHostOrIp_AcceptsNamesAndAddresses(string value, bool valid) => Assert.Equal(valid, Addresses.IsHostOrIp(value));
}
