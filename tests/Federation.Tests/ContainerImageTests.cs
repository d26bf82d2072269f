using MeshFed.Tests.Shared;

namespace MeshFed.Federation.Tests;

/// <summary>
/// The Dockerfile the Terraform modules' <c>image</c> is built from. There is no Docker daemon in CI, so these
/// read the instructions and check what the modules rely on: the gateway entrypoint, a non-root user, the
/// ports, and a build from the repository alone.
/// </summary>
public class ContainerImageTests
{
    private static readonly IReadOnlyList<(string Keyword, string Arguments)> s_instructions = Instructions(File.ReadAllText(RepoPaths.Of("Dockerfile")));

    private static IEnumerable<(string Keyword, string Arguments)> FinalStage =>
        s_instructions.Skip(s_instructions.Select((x, i) => (x, i)).Last(p => p.x.Keyword == "FROM").i);

    [Fact]
    public void Dockerfile_BuildsWithTheSdkAndRunsOnAspNet()
    {
        var stages = s_instructions.Where(i => i.Keyword == "FROM").Select(i => i.Arguments.Split(' ')[0]).ToList();

        Assert.Equal(["mcr.microsoft.com/dotnet/sdk:10.0", "mcr.microsoft.com/dotnet/aspnet:10.0"], stages);
        Assert.Contains(s_instructions, i => i.Keyword == "RUN" && i.Arguments.Contains("dotnet publish src/Federation/MeshFed.Federation.csproj"));
    }

    [Fact]
    public void Dockerfile_RunsAsANonRootUser()
    {
        var user = FinalStage.Last(i => i.Keyword == "USER").Arguments.Split(':')[0];

        Assert.DoesNotContain(user, new[] { "0", "root" });
        Assert.True(user is "app" or "$APP_UID" || int.TryParse(user, out var uid) && uid > 0, $"USER {user}");
    }

    [Fact]
    public void Dockerfile_EntrypointIsTheMeshfedCommandAndPortsAreTheGateways()
    {
        var entrypoint = FinalStage.Last(i => i.Keyword == "ENTRYPOINT").Arguments;
        var exposed = FinalStage.Where(i => i.Keyword == "EXPOSE").SelectMany(i => i.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries));

        Assert.Contains(entrypoint, new[] { """["dotnet", "/app/meshfed.dll"]""", """["/app/meshfed"]""" });
        Assert.Equal(["15180", "15190", "15443"], exposed.Order());
    }

    [Fact]
    public void Dockerfile_FetchesNothingFromTheNetworkBesidesPackagesAndCopiesEveryProject()
    {
        Assert.DoesNotContain(s_instructions, i => i.Keyword == "ADD");
        Assert.DoesNotContain(s_instructions, i => i.Arguments.Contains("http://") || i.Arguments.Contains("https://"));
        // Restore runs on the project files alone: a project the Dockerfile does not copy would fail the build.
        var copied = s_instructions.Where(i => i.Keyword == "COPY").Select(i => i.Arguments.Split(' ')[0]).ToHashSet();
        foreach (var project in Directory.GetFiles(RepoPaths.Of("src"), "*.csproj", SearchOption.AllDirectories))
            Assert.Contains(Path.GetRelativePath(RepoPaths.Root, project).Replace('\\', '/'), copied);
    }

    [Fact]
    public void Dockerfile_WritesOnlyToTmpWithAReadOnlyRoot()
    {
        var env = string.Join(" ", FinalStage.Where(i => i.Keyword == "ENV").Select(i => i.Arguments));

        Assert.Contains("DOTNET_EnableDiagnostics=0", env); // no diagnostics socket outside TMPDIR
        Assert.Contains("TMPDIR=/tmp", env);
    }

    [Fact]
    public void DockerIgnore_KeepsBuildOutputAndDependenciesOut()
    {
        var ignored = File.ReadAllLines(RepoPaths.Of(".dockerignore")).Select(l => l.Trim()).ToList();

        Assert.Contains("**/bin/", ignored);
        Assert.Contains("**/obj/", ignored);
        Assert.Contains("**/node_modules/", ignored);
        Assert.Contains(".git", ignored);
    }

    /// <summary>Instructions with their continuation lines joined; comments and blank lines dropped.</summary>
    private static List<(string Keyword, string Arguments)> Instructions(string text)
    {
        var result = new List<(string, string)>();
        var current = "";
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.StartsWith('#') || (line.Length == 0 && current.Length == 0))
                continue;
            if (line.EndsWith('\\'))
            {
                current += line[..^1] + " ";
                continue;
            }
            current += line;
            if (current.Length > 0)
            {
                var space = current.IndexOf(' ');
                result.Add(space < 0 ? (current.ToUpperInvariant(), "") : (current[..space].ToUpperInvariant(), string.Join(' ', current[(space + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries))));
            }
            current = "";
        }
        return result;
    }
}
