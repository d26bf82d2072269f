using MeshFed.Federation.Cli;
using MeshFed.Model;

namespace MeshFed.Federation.Rendering.Targets;

/// <summary>
/// Every <c>meshfed render --target</c>, by name. Adding a target is one line in <see cref="All"/>: <c>--target</c>
/// accepts its name, <c>--help</c> describes it, and an unknown name is refused with the list of these names.
/// </summary>
public static class RenderTargets
{
    /// <summary>Every target, in the order <c>--help</c> lists them; the first is the default.</summary>
    public static IReadOnlyList<IRenderTarget> All { get; } =
    [
        new IstioRenderTarget(),
        new AppMeshRenderTarget(),
        new VpcLatticeRenderTarget(),
        new TerraformRenderTarget(),
    ];

    /// <summary>The target when <c>--target</c> is not given.</summary>
    public static IRenderTarget Default => All[0];

    /// <summary>The names <c>--target</c> accepts.</summary>
    public static IReadOnlyList<string> Names => [.. All.Select(t => t.Name)];

    /// <summary>The target called <paramref name="name"/>, or null.</summary>
    public static IRenderTarget? Find(string name) => All.FirstOrDefault(t => t.Name == name);

    /// <summary><c>--target</c>'s help: every target with its description.</summary>
    public static string TargetHelp() => "What to render: " + CliOptions.Alternatives([.. All.Select(t => $"{t.Name} ({t.Description})")]) + ".";

    /// <summary>What <c>--out -</c> streams, per target, for <c>--out</c>'s help.</summary>
    public static string StreamHelp() => string.Join("; ", All.Select(t => $"{t.Name}: {t.StreamDescription}"));

    /// <summary>The error for a site whose mesh is not the one <paramref name="target"/> renders (Istio, App Mesh).</summary>
    public static string RunsAnotherMesh(IRenderTarget target, Site site, string renderedSites) =>
        $"site '{site.Name}' runs {WireNames<MeshKind>.Of(site.Mesh)}, not {target.Name}; {target.Name} sites: {renderedSites}";
}
