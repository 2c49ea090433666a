using System.CommandLine;
using FastNet.Data;

namespace FastNet.Cli.Commands;

/// <summary><c>fastnet data moons|circles|blobs|xor|spirals ...</c>: writes a seeded synthetic dataset as JSON or CSV.</summary>
internal static class DataCommand
{
    public static Command Create()
    {
        var command = new Command("data", "Generate a synthetic dataset (JSON or CSV).\nExample: fastnet data moons --samples 200 --noise 0.1 --seed 0 --out moons.json");
        command.Subcommands.Add(Generator("moons",
            "Two interleaving half circles (scikit-learn's make_moons formula): outer label 0, inner label 1.\nExample: fastnet data moons --samples 100 --noise 0.1 --seed 0 --out moons.json",
            noise: 0.1, (result, common) => SyntheticData.Moons(common.Samples, common.Noise, common.Seed)));

        var factor = new Option<double>("--factor") { Description = "Radius of the inner circle relative to the outer one, in [0, 1)", DefaultValueFactory = _ => 0.8, HelpName = "F" };
        command.Subcommands.Add(Generator("circles",
            "A small circle inside a large one (scikit-learn's make_circles formula): outer label 0, inner label 1.\nExample: fastnet data circles --samples 200 --noise 0.05 --factor 0.5 --out circles.csv",
            noise: 0.0, (result, common) => SyntheticData.Circles(common.Samples, common.Noise, result.GetValue(factor), common.Seed), factor));

        var classes = ClassesOption(3, "Number of blobs (centres, one class each)");
        var features = new Option<int>("--features", "--dimensions") { Description = "Number of features (dimensions)", DefaultValueFactory = _ => 2, HelpName = "D" };
        command.Subcommands.Add(Generator("blobs",
            "Gaussian blobs around random centres in (-10, 10) (scikit-learn's make_blobs formula); --noise is cluster_std.\nExample: fastnet data blobs --samples 300 --classes 3 --features 2 --out blobs.json",
            noise: 1.0, (result, common) => SyntheticData.Blobs(common.Samples, result.GetValue(classes), result.GetValue(features), common.Noise, common.Seed),
            classes, features));

        command.Subcommands.Add(Generator("xor",
            "Points uniform in [-1, 1]², label 1 where the two coordinates have different signs.\nExample: fastnet data xor --samples 200 --noise 0.05 --out xor.json",
            noise: 0.0, (result, common) => SyntheticData.Xor(common.Samples, common.Noise, common.Seed)));

        var arms = ClassesOption(2, "Number of spiral arms (one class each)");
        command.Subcommands.Add(Generator("spirals",
            "Interleaved spiral arms, one class per arm.\nExample: fastnet data spirals --samples 300 --classes 3 --noise 0.02 --out spirals.json",
            noise: 0.0, (result, common) => SyntheticData.Spirals(common.Samples, result.GetValue(arms), common.Noise, common.Seed), arms));
        return command;
    }

    private readonly record struct Common(int Samples, double Noise, ulong Seed);

    private static Option<int> ClassesOption(int defaultValue, string description) =>
        new("--classes") { Description = description, DefaultValueFactory = _ => defaultValue, HelpName = "K" };

    private static Command Generator(string name, string description, double noise, Func<ParseResult, Common, Dataset> generate, params Option[] extra)
    {
        var samples = new Option<int>("--samples") { Description = "Number of samples", DefaultValueFactory = _ => 100, HelpName = "N" };
        var noiseOption = new Option<double>("--noise") { Description = "Standard deviation of the Gaussian noise", DefaultValueFactory = _ => noise, HelpName = "S" };
        var seed = CliOptions.Seed();
        var outOption = CliOptions.Out("The dataset file to write (.json or .csv)");
        var format = new Option<string>("--format") { Description = "json or csv (default: from the --out extension)", HelpName = "json|csv" };
        format.AcceptOnlyFromAmong("json", "csv");
        var json = CliOptions.Json();
        var command = new Command(name, description) { samples, noiseOption, seed };
        foreach (Option option in extra) command.Options.Add(option);
        command.Options.Add(outOption);
        command.Options.Add(format);
        command.Options.Add(json);
        CommandAction.Set(command, (result, output) =>
        {
            string path = result.GetValue(outOption)!;
            DatasetFormat chosen = result.GetValue(format) switch
            {
                "csv" => DatasetFormat.Csv,
                "json" => DatasetFormat.Json,
                _ => Dataset.FormatOf(path),
            };
            OutputPaths.Check([("--out", path)], []);
            Dataset data;
            try
            {
                data = generate(result, new Common(result.GetValue(samples), result.GetValue(noiseOption), result.GetValue(seed)));
            }
            catch (ArgumentOutOfRangeException e)
            {
                // the generator names its parameter; each has the option of the same name (blobs' clusterStd is --noise)
                string option = e.ParamName == "clusterStd" ? "--noise" : "--" + e.ParamName;
                throw new UsageException($"{option}: {ArgumentParsers.Problem(e)}");
            }
            data.Save(path, chosen);
            if (result.GetValue(json))
            {
                JsonOutput.Write(output, w =>
                {
                    w.WriteString("generator", name);
                    w.WriteNumber("samples", data.Count);
                    w.WriteNumber("features", data.FeatureCount);
                    w.WriteNumber("classes", data.ClassCount);
                    w.WriteString("format", chosen == DatasetFormat.Csv ? "csv" : "json");
                    w.WriteString("out", path);
                });
                return FastNetCli.Ok;
            }
            output.WriteLine($"wrote {data.Count} samples ({data.FeatureCount} features, {data.ClassCount} classes) to {path}");
            return FastNetCli.Ok;
        });
        return command;
    }
}
