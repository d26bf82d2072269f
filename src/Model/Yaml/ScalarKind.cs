namespace MeshFed.Model.Yaml;

/// <summary>The type a scalar has under the YAML 1.2 core schema (what a JSON Schema validator sees).</summary>
public enum ScalarKind
{
    /// <summary><c>~</c>, <c>null</c> or nothing.</summary>
    Null,
    /// <summary><c>true</c> / <c>false</c> (any of the three core-schema spellings).</summary>
    Boolean,
    /// <summary>Decimal, octal (<c>0o</c>) or hexadecimal (<c>0x</c>) integer.</summary>
    Integer,
    /// <summary>Floating point, including <c>.inf</c> and <c>.nan</c>.</summary>
    Float,
    /// <summary>Anything else, and every quoted or block scalar.</summary>
    String,
}
