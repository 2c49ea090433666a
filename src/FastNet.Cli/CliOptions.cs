using System.CommandLine;

namespace FastNet.Cli;

/// <summary>Options that several commands share, made once per command so each has its own instance.</summary>
internal static class CliOptions
{
    public static Option<bool> Json() => new("--json") { Description = "Print one JSON object instead of text" };

    public static Option<string> Model(bool required = true, string description = "The model file (FastNet JSON, or .onnx)") =>
        new("--model") { Description = description, Required = required, HelpName = "MODEL" };

    public static Option<string> Data(bool required = true, string description = "The dataset file (.json or .csv)") =>
        new("--data") { Description = description, Required = required, HelpName = "FILE" };

    public static Option<ulong> Seed(string description = "The random seed") =>
        new("--seed") { Description = description, DefaultValueFactory = _ => 0UL, HelpName = "K" };

    public static Option<string> Out(string description, bool required = true, string helpName = "FILE") =>
        new("--out") { Description = description, Required = required, HelpName = helpName };

    public static Option<string> LabelColumn() =>
        new("--label-column") { Description = "For a CSV dataset: the label column's header name or 0-based index (default: the last column)", HelpName = "NAME|INDEX" };

    public static Option<bool> Quiet() => new("--quiet", "-q") { Description = "Print no progress while it runs" };
}
