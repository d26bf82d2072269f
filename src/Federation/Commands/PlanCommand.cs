using System.CommandLine;
using MeshFed.Adapters.Aws.AppMesh.Reconcile;
using MeshFed.Federation.Cli;
using MeshFed.Federation.Control;
using MeshFed.Federation.Output;

namespace MeshFed.Federation.Commands;

/// <summary><c>meshfed plan</c>: what apply would change in an App Mesh site, with field-level differences. Changes nothing.</summary>
public static class PlanCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create(CliOutput output)
    {
        var path = AppMeshCommandOptions.Path();
        var site = AppMeshCommandOptions.Site();
        var endpoint = AppMeshCommandOptions.EndpointUrl();
        var format = AppMeshCommandOptions.Output();
        var command = new Command("plan", "Compare an App Mesh site with the manifest and print the creates, updates and deletes apply would make.")
        {
            path, site, endpoint, format,
        };
        command.SetAction((parse, _) => RunAsync(parse.GetValue(path)!, parse.GetValue(site), parse.GetValue(endpoint), parse.GetValue(format) == "json", output));
        return command;
    }

    /// <summary>Plans; exit 0 when there is no conflict.</summary>
    public static async Task<int> RunAsync(string path, string? site, string? endpoint, bool json, CliOutput output)
    {
        var (session, code) = await AppMeshSiteSession.OpenAsync(path, site, endpoint, output);
        if (session is null)
            return code;
        if (json)
            PlanReport.WriteJson(session.Rendering.Site, session.Client.Options.Endpoint, session.Plan, output.Out);
        else
            PlanReport.WriteText(session.Rendering.Site, session.Client.Options.Endpoint, session.Plan, output.Out);
        return session.Plan.Any(a => a.Action == PlanActionKind.Conflict) ? ExitCodes.InvalidInput : ExitCodes.Success;
    }
}
