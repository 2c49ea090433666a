using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Numerics;
using FastNet.Serialization;
using FastNet.Training;

namespace FastNet.Cli;

/// <summary>Parsers for option values with a little syntax of their own (layer lists, batch sizes, input vectors).</summary>
internal static class ArgumentParsers
{
    /// <summary>Parses <c>4:sigmoid,1:sigmoid</c> into layer descriptions.</summary>
    public static LayerSpec[] Layers(string text, bool bias)
    {
        string[] parts = text.Split(',', StringSplitOptions.TrimEntries);
        var layers = new LayerSpec[parts.Length];
        for (int i = 0; i < parts.Length; i++)
        {
            string[] pair = parts[i].Split(':', StringSplitOptions.TrimEntries);
            if (pair.Length != 2 || !int.TryParse(pair[0], NumberStyles.None, CultureInfo.InvariantCulture, out int units) || units < 1)
                throw new UsageException($"--layers: '{parts[i]}' is not UNITS:ACTIVATION (e.g. 4:sigmoid)");
            Activation activation = ModelFile.ParseActivation(pair[1])
                ?? throw new UsageException($"--layers: unknown activation '{pair[1]}' (identity, sigmoid, tanh, relu, softmax)");
            layers[i] = new LayerSpec(units, activation, bias);
        }
        return layers;
    }

    /// <summary>Parses a loss name.</summary>
    public static Loss Loss(string name) =>
        ModelFile.ParseLoss(name) ?? throw new UsageException($"--loss: unknown loss '{name}' (sse, mse, bce, ce)");

    /// <summary>Parses <c>full</c> (0) or a positive batch size.</summary>
    public static int Batch(string text)
    {
        if (text == "full") return 0;
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int size) && size > 0) return size;
        throw new UsageException($"--batch: '{text}' is not 'full' or a positive whole number");
    }

    /// <summary>Parses <c>x1,x2,...</c> into floats.</summary>
    public static float[] Vector(string text, string option)
    {
        string[] parts = text.Split(',', StringSplitOptions.TrimEntries);
        var values = new float[parts.Length];
        for (int i = 0; i < parts.Length; i++)
            if (!float.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out values[i]) || !float.IsFinite(values[i]))
                throw new UsageException($"{option}: '{parts[i]}' is not a finite number");
        return values;
    }

    /// <summary>Parses an optimizer name: sgd, momentum, nesterov, adam or rprop.</summary>
    public static OptimizerKind Optimizer(string name) => name switch
    {
        "sgd" => OptimizerKind.Sgd,
        "momentum" => OptimizerKind.Momentum,
        "nesterov" => OptimizerKind.Nesterov,
        "adam" => OptimizerKind.Adam,
        "rprop" => OptimizerKind.Rprop,
        _ => throw new UsageException($"--optimizer: unknown optimizer '{name}' (sgd, momentum, nesterov, adam, rprop)"),
    };

    /// <summary>Parses <c>constant</c>, <c>step:EVERY:FACTOR</c> or <c>exp:GAMMA</c>.</summary>
    public static LearningRateSchedule Schedule(string text)
    {
        string[] parts = text.Split(':', StringSplitOptions.TrimEntries);
        const string Expected = "is not constant, step:EVERY:FACTOR or exp:GAMMA (factors in (0, 1])";
        if (parts is ["constant"]) return LearningRateSchedule.Constant;
        if (parts is ["step", _, _] && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int every) && every > 0
            && TryFactor(parts[2], out float factor))
            return LearningRateSchedule.Step(every, factor);
        if (parts is ["exp", _] && TryFactor(parts[1], out float gamma))
            return LearningRateSchedule.Exponential(gamma);
        throw new UsageException($"--lr-decay: '{text}' {Expected}");
    }

    /// <summary>Parses a divergence policy: stop or halve.</summary>
    public static DivergencePolicy Divergence(string name) => name switch
    {
        "stop" => DivergencePolicy.Stop,
        "halve" => DivergencePolicy.Halve,
        _ => throw new UsageException($"--on-divergence: unknown policy '{name}' (stop, halve)"),
    };

    /// <summary>
    /// Makes every numeric option of <paramref name="command"/> and its subcommands parse strictly in the invariant
    /// culture: digits with an optional sign (and, for fractions, a dot and an exponent), no thousands separators, no
    /// spaces, no NaN or infinity. Anything else is a usage error naming the option.
    /// </summary>
    public static void ParseNumbersStrictly(Command command)
    {
        foreach (Option option in command.Options)
        {
            string name = option.Name;
            switch (option)
            {
                case Option<int> o: o.CustomParser = r => Number<int>(r, name); break;
                case Option<int?> o: o.CustomParser = r => Number<int>(r, name); break;
                case Option<ulong> o: o.CustomParser = r => Number<ulong>(r, name); break;
                case Option<float> o: o.CustomParser = r => Number<float>(r, name); break;
                case Option<float?> o: o.CustomParser = r => Number<float>(r, name); break;
                case Option<double> o: o.CustomParser = r => Number<double>(r, name); break;
                case Option<double?> o: o.CustomParser = r => Number<double>(r, name); break;
            }
        }
        foreach (Command subcommand in command.Subcommands) ParseNumbersStrictly(subcommand);
    }

    private static T Number<T>(ArgumentResult result, string option) where T : struct, INumber<T>
    {
        string text = result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Join(' ', result.Tokens);
        bool whole = typeof(T) == typeof(int) || typeof(T) == typeof(ulong);
        NumberStyles styles = whole ? NumberStyles.AllowLeadingSign : NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent;
        if (T.TryParse(text, styles, CultureInfo.InvariantCulture, out T value) && T.IsFinite(value)) return value;
        result.AddError(whole
            ? $"{option}: '{text}' is not a whole number{(typeof(T) == typeof(ulong) ? " ≥ 0" : "")} (digits only, no separators)"
            : $"{option}: '{text}' is not a finite number (write decimals with a dot and no thousands separators, e.g. 0.5 or 1e-3)");
        return default;
    }

    /// <summary>An argument exception's message without the " (Parameter 'name')" that .NET appends.</summary>
    public static string Problem(ArgumentException e) =>
        e.ParamName is null ? e.Message : e.Message.Replace($" (Parameter '{e.ParamName}')", "", StringComparison.Ordinal);

    private static bool TryFactor(string text, out float factor) =>
        float.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out factor) && factor > 0f && factor <= 1f;
}
