return Workflows.Designs.Maps.ProcessMapsCommand.Run(args, Console.Out, Console.Error);
