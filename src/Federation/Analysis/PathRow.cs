namespace MeshFed.Federation.Analysis;

/// <summary>One row of the path table (<c>-o wide</c>): who reaches which version where, through what.</summary>
/// <param name="Service">The service, <c>namespace/name</c>.</param>
/// <param name="Caller">The caller's site.</param>
/// <param name="Port">The service port.</param>
/// <param name="Route">The manifest route.</param>
/// <param name="Version">The target version.</param>
/// <param name="Serving">The site that serves it.</param>
/// <param name="Weight">The target's weight, percent.</param>
/// <param name="Via">The hops taken, in order.</param>
/// <param name="Status"><c>ok</c>, or the code that stops the path.</param>
/// <param name="Warnings">Codes that degrade it.</param>
internal sealed record PathRow(string Service, string Caller, int Port, string Route, string Version, string Serving, int Weight,
    IReadOnlyList<string> Via, string Status, IReadOnlyList<string> Warnings);
