using System.CommandLine;
using WebNet.Cli;

var root = new RootCommand("webnet: train, evaluate and benchmark fully connected networks on MNIST, and classify drawings.");
root.Subcommands.Add(TrainCommand.Create());
root.Subcommands.Add(EvaluateCommand.Create());
root.Subcommands.Add(InsightCommand.Create());
root.Subcommands.Add(ClassifyCommand.Create());
// bench classify times the classify pipeline; it hangs under bench without touching bench's own file.
var bench = BenchCommand.Create();
bench.Subcommands.Add(BenchClassifyCommand.Create());
root.Subcommands.Add(bench);
root.Subcommands.Add(CanvasTestCommand.Create());
root.Subcommands.Add(DrawingsCommand.Create());
root.Subcommands.Add(HubLoadCommand.Create());
var parse = root.Parse(args);
if (parse.Errors.Count > 0)
{
    // One line and the usage code, as for every other bad option, instead of the parser's wall of help.
    await Console.Error.WriteLineAsync($"error: {CliOptions.Describe(parse.Errors[0])} (webnet {CliOptions.CommandPath(parse.CommandResult)} --help lists the options)");
    return ExitCodes.Usage;
}

try
{
    return await parse.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
}
catch (CliException e)
{
    await Console.Error.WriteLineAsync("error: " + e.Message);
    return e.ExitCode;
}
