using CertPlatform.ReleaseTool;

return ReleaseCommands.Run(args, Console.Out, Console.Error, TimeProvider.System);
