namespace MeshFed.Model.Diagnostics;

/// <summary>A place in a user's file. Lines and columns are 1-based; 0 means "the whole file".</summary>
/// <param name="File">The path as the user gave it (relative paths stay relative so output is stable).</param>
/// <param name="Line">1-based line, or 0 when the finding is about the file as a whole.</param>
/// <param name="Column">1-based column, or 0 when the finding is about the file as a whole.</param>
public sealed record SourceLocation(string File, int Line, int Column)
{
    /// <summary>A location that names a file (or folder) but no position inside it.</summary>
    public static SourceLocation WholeFile(string file) => new(file, 0, 0);

    /// <summary><c>file:line:col</c>, or just <c>file</c> when there is no position.</summary>
    public override string ToString() => Line > 0 ? $"{File}:{Line}:{Column}" : File;
}
