using System.CommandLine;

namespace FastNet.Cli;

/// <summary>Options that several commands share, made once per command so each has its own instance.</summary>
internal static class CliOptions
{
    public static Option<bool> Json() => new("--json") { Description = "Print one JSON object instead of text" };

    public static Option<string> Model(bool required = true, string description = "The model file (JSON)") =>
        new("--model") { Description = description, Required = required, HelpName = "MODEL" };

    public static Option<string> Data(bool required = true, string description = "The dataset file (JSON)") =>
        new("--data") { Description = description, Required = required, HelpName = "FILE" };

    public static Option<ulong> Seed(string description = "The random seed") =>
        new("--seed") { Description = description, DefaultValueFactory = _ => 0UL, HelpName = "K" };
}
