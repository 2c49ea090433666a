using FastNet.Cli;
using FastNet.Tests.Support;

namespace FastNet.Tests.Cli;

/// <summary>What every command shares: help with an example, --version, --json where it reports.</summary>
public class CommandLineTests
{
    public static TheoryData<string> Commands()
    {
        var data = new TheoryData<string>();
        foreach (var command in FastNetCli.CreateRoot().Subcommands)
        {
            if (command.Subcommands.Count == 0) data.Add(command.Name);
            foreach (var sub in command.Subcommands) data.Add(command.Name + " " + sub.Name);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public void EveryCommandHasHelpWithAnExampleAndJsonOutput(string command)
    {
        var (exit, output, _) = CliRunner.Run([.. command.Split(' '), "--help"]);
        Assert.Equal(0, exit);
        Assert.Contains("Example: fastnet " + command, output);
        Assert.Contains($"fastnet {command} [options]", output);
        Assert.Contains("--json", output);
    }

    [Fact]
    public void VersionPrintsTheAssemblyVersion()
    {
        var (exit, output, _) = CliRunner.Run("--version");
        Assert.Equal(0, exit);
        Assert.StartsWith(typeof(Network).Assembly.GetName().Version!.ToString(3), output.Trim());
    }

    [Fact]
    public void OptionNamesAreConsistentAcrossCommands()
    {
        // the same concept has the same name everywhere: --model, --data, --out, --json, --seed, --label-column
        var names = new HashSet<string>();
        foreach (var command in FastNetCli.CreateRoot().Subcommands)
            foreach (var c in command.Subcommands.Count == 0 ? [command] : command.Subcommands)
                foreach (var option in c.Options) names.Add(option.Name);
        Assert.DoesNotContain("--output", names);
        Assert.DoesNotContain("--input-file", names);
        Assert.DoesNotContain("--model-file", names);
        Assert.DoesNotContain("--labels", names);
        Assert.Contains("--label-column", names);
    }
}
