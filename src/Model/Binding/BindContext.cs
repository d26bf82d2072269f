using MeshFed.Model.Diagnostics;

namespace MeshFed.Model.Binding;

/// <summary>What every binder shares: where findings go and where paths were written.</summary>
internal sealed class BindContext(DiagnosticBag diagnostics, SourceMap sources)
{
    public DiagnosticBag Diagnostics { get; } = diagnostics;

    public SourceMap Sources { get; } = sources;

    public void Error(string code, string path, SourceLocation location, string message, string? hint = null) =>
        Diagnostics.Error(code, path, location, message, hint);
}
