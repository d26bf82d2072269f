using MeshFed.Gateway.Routing;
using MeshFed.Model;

namespace MeshFed.Gateway.Tests;

/// <summary>
/// <see cref="RequestMatcher"/>: the meshes' match semantics on a request. Path prefixes are string prefixes and
/// regular expressions match the whole value (Istio HTTPMatchRequest, https://istio.io/latest/docs/reference/config/networking/virtual-service/#HTTPMatchRequest;
/// App Mesh HttpRouteMatch, https://docs.aws.amazon.com/app-mesh/latest/APIReference/API_HttpRouteMatch.html).
/// </summary>
public class RequestMatcherTests
{
    private static PathMatch Path(PathMatchKind kind, string value) => new() { Kind = kind, Value = value };

    private static StringMatch Text(StringMatchKind kind, string value = "") => new() { Kind = kind, Value = value };

    [Theory]
    [InlineData(PathMatchKind.Prefix, "/api", "/api", true)]
    [InlineData(PathMatchKind.Prefix, "/api", "/api/v1", true)]
    [InlineData(PathMatchKind.Prefix, "/api", "/apix", true)] // a string prefix, not a segment prefix
    [InlineData(PathMatchKind.Prefix, "/api", "/ap", false)]
    [InlineData(PathMatchKind.Prefix, "/api", "/API", false)] // case-sensitive
    [InlineData(PathMatchKind.Exact, "/a", "/a", true)]
    [InlineData(PathMatchKind.Exact, "/a", "/a/", false)]
    [InlineData(PathMatchKind.Regex, "/v[0-9]", "/v1", true)]
    [InlineData(PathMatchKind.Regex, "/v[0-9]", "/v12", false)] // whole value, not a search
    [InlineData(PathMatchKind.Regex, "/v[0-9]", "/x/v1", false)]
    [InlineData(PathMatchKind.Regex, "/a|/b", "/b", true)] // the anchors wrap the whole alternation
    [InlineData(PathMatchKind.Regex, "/a|/b", "/bb", false)]
    public void PathMatches(PathMatchKind kind, string value, string path, bool expected) =>
        Assert.Equal(expected, RequestMatcher.PathMatches(Path(kind, value), path));

    [Theory]
    [InlineData(StringMatchKind.Exact, "1", "1", true)]
    [InlineData(StringMatchKind.Exact, "1", "10", false)]
    [InlineData(StringMatchKind.Prefix, "be", "beta", true)]
    [InlineData(StringMatchKind.Prefix, "be", "Beta", false)]
    [InlineData(StringMatchKind.Suffix, "ta", "beta", true)]
    [InlineData(StringMatchKind.Suffix, "ta", "betA", false)]
    [InlineData(StringMatchKind.Regex, "b.*a", "beta", true)]
    [InlineData(StringMatchKind.Regex, "b.*a", "betas", false)]
    [InlineData(StringMatchKind.Present, "", "", true)]
    [InlineData(StringMatchKind.Present, "", "anything", true)]
    public void StringMatches(StringMatchKind kind, string value, string actual, bool expected) =>
        Assert.Equal(expected, RequestMatcher.StringMatches(Text(kind, value), actual));

    [Theory]
    [InlineData(StringMatchKind.Exact)]
    [InlineData(StringMatchKind.Prefix)]
    [InlineData(StringMatchKind.Suffix)]
    [InlineData(StringMatchKind.Regex)]
    [InlineData(StringMatchKind.Present)]
    public void AnAbsentValue_MatchesNoCondition(StringMatchKind kind) =>
        Assert.False(RequestMatcher.StringMatches(Text(kind, kind == StringMatchKind.Regex ? ".*" : ""), null));

    [Fact]
    public void TheEmptyMatch_MatchesEveryRequest()
    {
        Assert.True(RequestMatcher.Matches(RouteMatch.Any, TestPlans.Request("/anything?x=1", "DELETE")));
        Assert.True(RequestMatcher.Matches(RouteMatch.Any, TestPlans.Request()));
    }

    [Fact]
    public void Method_IgnoresCase()
    {
        var match = new RouteMatch { Method = "POST" };
        Assert.True(RequestMatcher.Matches(match, TestPlans.Request(method: "post")));
        Assert.False(RequestMatcher.Matches(match, TestPlans.Request(method: "GET")));
    }

    [Fact]
    public void HeaderNames_IgnoreCase_AndValues_DoNot()
    {
        var match = new RouteMatch { Headers = [new HeaderMatch { Name = "x-beta", Match = Text(StringMatchKind.Exact, "yes") }] };
        Assert.True(RequestMatcher.Matches(match, TestPlans.Request(headers: new Dictionary<string, string> { ["X-Beta"] = "yes" })));
        Assert.False(RequestMatcher.Matches(match, TestPlans.Request(headers: new Dictionary<string, string> { ["x-beta"] = "YES" })));
        Assert.False(RequestMatcher.Matches(match, TestPlans.Request()));
    }

    [Fact]
    public void QueryParams_AreMatchedByName()
    {
        var match = new RouteMatch { QueryParams = [new HeaderMatch { Name = "debug", Match = Text(StringMatchKind.Present) }] };
        Assert.True(RequestMatcher.Matches(match, TestPlans.Request("/?debug=")));
        Assert.True(RequestMatcher.Matches(match, TestPlans.Request("/x?a=1&debug=on")));
        Assert.False(RequestMatcher.Matches(match, TestPlans.Request("/x?a=debug")));
    }

    [Fact]
    public void EveryCondition_MustHold()
    {
        var match = new RouteMatch
        {
            Path = Path(PathMatchKind.Prefix, "/api"),
            Method = "GET",
            Headers = [new HeaderMatch { Name = "x-beta", Match = Text(StringMatchKind.Exact, "1") }],
            QueryParams = [new HeaderMatch { Name = "v", Match = Text(StringMatchKind.Exact, "2") }],
        };
        var beta = new Dictionary<string, string> { ["x-beta"] = "1" };
        Assert.True(RequestMatcher.Matches(match, TestPlans.Request("/api/x?v=2", headers: beta)));
        Assert.False(RequestMatcher.Matches(match, TestPlans.Request("/other?v=2", headers: beta)));
        Assert.False(RequestMatcher.Matches(match, TestPlans.Request("/api/x?v=2", "PUT", beta)));
        Assert.False(RequestMatcher.Matches(match, TestPlans.Request("/api/x?v=2")));
        Assert.False(RequestMatcher.Matches(match, TestPlans.Request("/api/x?v=3", headers: beta)));
    }

    [Fact]
    public void ARegex_RefusesAValueWithATrailingNewline()
    {
        // .NET's $ matches before a final "\n" too: with it, "beta%0A" (a query value any client can send) took a
        // route whose regex says "beta". RE2's full match (Envoy) refuses it, and so does the gateway.
        var match = new RouteMatch { QueryParams = [new HeaderMatch { Name = "track", Match = Text(StringMatchKind.Regex, "beta") }] };
        Assert.True(RequestMatcher.Matches(match, TestPlans.Request("/?track=beta")));
        Assert.False(RequestMatcher.Matches(match, TestPlans.Request("/?track=beta%0A")));
        Assert.False(RequestMatcher.StringMatches(Text(StringMatchKind.Regex, "b.*a"), "beta\n"));
        Assert.False(RequestMatcher.PathMatches(Path(PathMatchKind.Regex, "/v[0-9]"), "/v1\n"));
    }

    [Fact]
    public void APatternThatWouldBacktrack_RunsInLinearTime()
    {
        // (a+)+b against a's without a b takes 2^n steps in a backtracking engine; the non-backtracking one
        // answers at once (RE2 semantics, which the meshes' Envoy uses), so a request cannot stall the gateway.
        var value = new string('a', 5000) + "c";
        Assert.False(RequestMatcher.StringMatches(Text(StringMatchKind.Regex, "(a+)+b"), value));
    }
}
