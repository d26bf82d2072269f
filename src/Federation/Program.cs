using MeshFed.Federation.Cli;

return MeshfedCli.Run(args, CliOutput.Console);
