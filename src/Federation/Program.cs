using MeshFed.Federation.Cli;

SocketCompletions.InlineUnlessConfigured();
return MeshfedCli.Run(args, CliOutput.Console);
