using System.Reflection;
using System.Text.RegularExpressions;
using MeshFed.Federation.Cli;
using MeshFed.Tests.Shared;

namespace MeshFed.Federation.Tests.Cli;

/// <summary>
/// The exit codes are a contract with scripts: every one is in README.md's table and in <c>meshfed --help</c>, and
/// no two mean the same number. Each is produced by a test of its own (invalid input, usage, a remote failure in
/// <c>PlanApplyCommandTests</c> and <c>CloudSignalSourceTests</c>, Ctrl+C in <c>RenderCommandParseTests</c> and
/// <c>PlanApplyCommandTests</c>).
/// </summary>
public sealed class ExitCodesTests
{
    private static readonly IReadOnlyList<int> s_codes = [.. typeof(ExitCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral).Select(f => (int)f.GetRawConstantValue()!)];

    [Fact]
    public void Codes_AreDistinctAndFitAShellsByte()
    {
        Assert.Equal(5, s_codes.Count);
        Assert.Equal(s_codes.Count, s_codes.Distinct().Count());
        Assert.All(s_codes, c => Assert.InRange(c, 0, 255));
        Assert.Equal(128 + 2, ExitCodes.Cancelled); // what a shell reports for a process ended by SIGINT
    }

    [Fact]
    public void Readme_TableHasARowForEveryCode()
    {
        var readme = File.ReadAllText(RepoPaths.Of("README.md"));
        var start = readme.IndexOf("### Exit codes", StringComparison.Ordinal);
        var table = readme[start..readme.IndexOf("\n#", start + 1, StringComparison.Ordinal)];

        var rows = Regex.Matches(table, @"^\| `(\d+)` \|", RegexOptions.Multiline).Select(m => int.Parse(m.Groups[1].Value)).ToList();

        Assert.Equal(s_codes.Order(), rows.Order());
    }

    [Fact]
    public void Help_NamesEveryCode()
    {
        var (_, stdout, _) = CliRunner.Run("--help");
        var help = string.Join(' ', stdout.Split(default(char[]), StringSplitOptions.RemoveEmptyEntries));

        Assert.All(s_codes, c => Assert.Matches($@"Exit codes:.*\b{c} ", help));
    }
}
