using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using FastNet.Data;
using FastNet.Diagnostics;
using FastNet.Serialization;

namespace FastNet.Cli.Commands;

/// <summary>
/// <c>fastnet gradcheck</c>: compares a saved model's backward-pass gradients (every layer's weights and bias, and the
/// input) with central differences of its loss on a dataset, in double precision. Exit code 0 when every tensor passes,
/// 1 when one fails.
/// </summary>
internal static class GradCheckCommand
{
    internal static Command Create()
    {
        var model = CliOptions.Model();
        var data = CliOptions.Data();
        var samples = new Option<int?>("--samples") { Description = "Check at most N random coordinates per tensor (default: all)", HelpName = "N" };
        var seed = CliOptions.Seed("The seed of the coordinate sample");
        var json = CliOptions.Json();
        var labelColumn = CliOptions.LabelColumn();
        var command = new Command("gradcheck",
            "Check a model's gradients against central differences of its loss (double precision).\n" +
            "Example: fastnet gradcheck --model model.json --data data/moons.json")
        {
            model, data, samples, seed, json, labelColumn,
        };
        CommandAction.Set(command, (result, output) =>
        {
            int? perTensor = result.GetValue(samples);
            if (perTensor is < 1) throw new UsageException($"--samples: {perTensor} is not a positive whole number");
            string modelPath = result.GetValue(model)!, dataPath = result.GetValue(data)!;
            Network network = ModelInput.Load(modelPath).Network;
            Dataset dataset = Dataset.Load(dataPath, result.GetValue(labelColumn));
            var options = new GradientCheckOptions { SamplesPerTensor = perTensor, Seed = result.GetValue(seed) };
            GradientCheckReport report;
            try
            {
                report = GradientCheck.Run(network, dataset, options);
            }
            catch (FastNetException e) when (e is not FastNetFormatException)
            {
                throw new FastNetException($"{dataPath}: {e.Message}");
            }
            if (result.GetValue(json)) WriteJson(output, report, ModelFile.Name(network.Loss));
            else WriteTable(output, report, ModelFile.Name(network.Loss));
            return report.Passed ? FastNetCli.Ok : FastNetCli.Failure;
        });
        return command;
    }

    private static void WriteTable(TextWriter output, GradientCheckReport report, string loss)
    {
        GradientCheckOptions o = report.Options;
        output.WriteLine(Invariant($"{report.Samples} samples, {loss} loss {report.Loss:G8} (double), {report.NetworkLoss:G8} (network); step {o.Step:G3}, allowed error {o.RelativeTolerance:G3}·|numeric| + {o.AbsoluteTolerance:G3}·scale + {o.FloorTolerance:G3}·{report.Scale:G3}"));
        output.WriteLine(Invariant($"{"tensor",-16} {"shape",-9} {"checked",8} {"skipped",8} {"scale",10}  {"max abs error",-22} {"max rel error",-22} {"worst: analytic",16} {"numeric",16}  result"));
        foreach (TensorGradientCheck t in report.Tensors)
        {
            string shape = Invariant($"{t.Rows}×{t.Columns}");
            string absolute = Error(t, t.LargestAbsoluteError, t.LargestAbsoluteError.AbsoluteError);
            string relative = Error(t, t.LargestRelativeError, t.LargestRelativeError.RelativeError);
            output.WriteLine(Invariant($"{t.Name,-16} {shape,-9} {t.Checked,8} {t.Skipped,8} {t.Scale,10:G3}  {absolute,-22} {relative,-22} {t.Worst.Analytic,16:G8} {t.Worst.Numeric,16:G8}  {(t.Passed ? "ok" : "FAILED")}"));
        }
        var failed = report.Tensors.Where(t => !t.Passed).Select(t => t.Name).ToList();
        output.WriteLine(failed.Count == 0 ? "passed" : "FAILED: " + string.Join(", ", failed));
    }

    private static string Error(TensorGradientCheck tensor, GradientDifference difference, double error)
    {
        if (difference.Index < 0) return "-";
        (int row, int column) = tensor.Position(difference.Index);
        return Invariant($"{error:G3} [{row},{column}]");
    }

    private static void WriteJson(TextWriter output, GradientCheckReport report, string loss) => JsonOutput.Write(output, w =>
    {
        GradientCheckOptions o = report.Options;
        w.WriteBoolean("passed", report.Passed);
        w.WriteString("loss", loss);
        w.WriteNumber("samples", report.Samples);
        w.WriteNumberOrNull("value", report.Loss);
        w.WriteNumberOrNull("networkValue", report.NetworkLoss);
        w.WriteNumber("step", o.Step);
        w.WriteNumber("relativeTolerance", o.RelativeTolerance);
        w.WriteNumber("absoluteTolerance", o.AbsoluteTolerance);
        w.WriteNumber("floorTolerance", o.FloorTolerance);
        w.WriteNumberOrNull("scale", report.Scale);
        if (o.SamplesPerTensor is { } n) w.WriteNumber("samplesPerTensor", n); else w.WriteNull("samplesPerTensor");
        w.WriteNumber("seed", o.Seed);
        w.WriteStartArray("tensors");
        foreach (TensorGradientCheck t in report.Tensors)
        {
            w.WriteStartObject();
            w.WriteString("name", t.Name);
            w.WriteString("kind", t.Kind.ToString().ToLowerInvariant());
            w.WriteNumber("layer", t.Layer);
            w.WriteNumber("rows", t.Rows);
            w.WriteNumber("columns", t.Columns);
            w.WriteNumber("checked", t.Checked);
            w.WriteNumber("skipped", t.Skipped);
            w.WriteNumberOrNull("scale", t.Scale);
            w.WriteBoolean("passed", t.Passed);
            WriteDifference(w, "largestAbsoluteError", t, t.LargestAbsoluteError);
            WriteDifference(w, "largestRelativeError", t, t.LargestRelativeError);
            WriteDifference(w, "worst", t, t.Worst);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    });

    private static void WriteDifference(Utf8JsonWriter w, string name, TensorGradientCheck tensor, GradientDifference d)
    {
        if (d.Index < 0)
        {
            w.WriteNull(name);
            return;
        }
        (int row, int column) = tensor.Position(d.Index);
        w.WriteStartObject(name);
        w.WriteNumber("index", d.Index);
        w.WriteNumber("row", row);
        w.WriteNumber("column", column);
        w.WriteNumberOrNull("analytic", d.Analytic);
        w.WriteNumberOrNull("numeric", d.Numeric);
        w.WriteNumberOrNull("absoluteError", d.AbsoluteError);
        w.WriteNumberOrNull("relativeError", d.RelativeError);
        w.WriteNumberOrNull("tolerance", d.Tolerance);
        w.WriteEndObject();
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
