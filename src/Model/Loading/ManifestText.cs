using System.Text;
using MeshFed.Model.Diagnostics;
using MeshFed.Model.Yaml;

namespace MeshFed.Model.Loading;

/// <summary>Reads a file as UTF-8 text, refusing what is too large or not text before YAML ever sees it.</summary>
internal static class ManifestText
{
    private static readonly UTF8Encoding s_strictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static string? Read(string file, YamlLimits limits, DiagnosticBag diagnostics)
    {
        byte[] bytes;
        try
        {
            var length = new FileInfo(file).Length;
            if (length > limits.MaxFileBytes)
            {
                diagnostics.Error(DiagnosticCodes.FileTooLarge, "", SourceLocation.WholeFile(file),
                    $"the file is {length / (1024.0 * 1024.0):F1} MiB; manifests may be at most {limits.MaxFileBytes / (1024 * 1024)} MiB",
                    "Split the mesh into several files in one folder, or check that this is the right file.");
                return null;
            }
            bytes = File.ReadAllBytes(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            diagnostics.Error(DiagnosticCodes.ReadFailed, "", SourceLocation.WholeFile(file), $"cannot read the file: {e.Message}");
            return null;
        }
        return Decode(bytes, file, diagnostics);
    }

    public static string? Decode(ReadOnlySpan<byte> bytes, string file, DiagnosticBag diagnostics)
    {
        string text;
        try
        {
            text = s_strictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException e)
        {
            diagnostics.Error(DiagnosticCodes.NotText, "", SourceLocation.WholeFile(file),
                $"the file is not UTF-8 text (invalid byte at offset {e.Index})", "Manifests are YAML text; save the file as UTF-8.");
            return null;
        }
        if (text.Length > 0 && text[0] == '\uFEFF')
            text = text[1..];
        var nul = text.IndexOf('\0');
        if (nul >= 0)
        {
            var line = 1 + text.AsSpan(0, nul).Count('\n');
            var column = nul - text.LastIndexOf('\n', Math.Max(nul - 1, 0));
            diagnostics.Error(DiagnosticCodes.NotText, "", new SourceLocation(file, line, Math.Max(column, 1)),
                "the file contains NUL bytes, so it is binary, not YAML text", "Point meshfed at the YAML manifest.");
            return null;
        }
        return text;
    }
}
