using Veil.Server.Cli;

return await VeilCli.RunAsync(args);
