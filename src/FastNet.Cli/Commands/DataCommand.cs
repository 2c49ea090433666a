using System.CommandLine;
using FastNet.Data;

namespace FastNet.Cli.Commands;

/// <summary><c>fastnet data moons ...</c>: writes a seeded synthetic dataset.</summary>
internal static class DataCommand
{
    public static Command Create()
    {
        var command = new Command("data", "Generate a synthetic dataset.\nExample: fastnet data moons --samples 200 --noise 0.1 --seed 0 --out moons.json");
        command.Subcommands.Add(Moons());
        return command;
    }

    private static Command Moons()
    {
        var samples = new Option<int>("--samples") { Description = "Number of samples", DefaultValueFactory = _ => 100, HelpName = "N" };
        var noise = new Option<double>("--noise") { Description = "Standard deviation of the Gaussian noise", DefaultValueFactory = _ => 0.1, HelpName = "S" };
        var seed = CliOptions.Seed();
        var outOption = new Option<string>("--out") { Description = "The dataset file to write (JSON)", Required = true, HelpName = "FILE" };
        var command = new Command("moons", "Two interleaving half circles (scikit-learn's make_moons formula): outer label 0, inner label 1.\nExample: fastnet data moons --samples 100 --noise 0.1 --seed 0 --out moons.json")
        {
            samples, noise, seed, outOption,
        };
        CommandAction.Set(command, (result, output) =>
        {
            Dataset data = SyntheticData.Moons(result.GetValue(samples), result.GetValue(noise), result.GetValue(seed));
            string path = result.GetValue(outOption)!;
            data.Save(path);
            output.WriteLine($"wrote {data.Count} samples to {path}");
            return FastNetCli.Ok;
        });
        return command;
    }
}
