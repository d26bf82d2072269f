namespace MeshFed.Model.Diagnostics;

/// <summary>How bad a finding is. Errors make a manifest invalid; warnings are printed and allowed.</summary>
public enum Severity
{
    /// <summary>The manifest cannot be used until this is fixed.</summary>
    Error,

    /// <summary>The manifest is usable, but probably not what the author meant.</summary>
    Warning,
}
