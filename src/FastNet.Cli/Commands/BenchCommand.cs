using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using FastNet.Kernels;
using FastNet.Training;

namespace FastNet.Cli.Commands;

/// <summary>
/// <c>fastnet bench gemm|train|predict</c>: a quick, honest number for this machine. Each measurement warms up first, then
/// takes the median of timed samples (each at least 20 ms), so JIT tiers and a noisy neighbour do not decide the result.
/// </summary>
internal static class BenchCommand
{
    private const int Samples = 11;
    private static readonly TimeSpan SampleTime = TimeSpan.FromMilliseconds(20);

    /// <summary>The <c>bench</c> command with its <c>gemm</c>, <c>train</c> and <c>predict</c> subcommands.</summary>
    internal static Command Create()
    {
        var command = new Command("bench", "Measure FastNet on this machine.\nExamples: fastnet bench gemm --shape 512x512x512 --json\n" +
            "          fastnet bench train --layers 256:sigmoid,10:softmax --inputs 784 --batch 1024 --loss ce\n" +
            "          fastnet bench predict --model model.json --batch 32");
        command.Subcommands.Add(CreateGemm());
        command.Subcommands.Add(CreateTrain());
        command.Subcommands.Add(CreatePredict());
        return command;
    }

    private static Option<int> Threads() => new("--threads") { Description = "Most threads one matrix product may use", DefaultValueFactory = _ => 1 };

    // ---- gemm ---------------------------------------------------------------------------------------------------

    private static Command CreateGemm()
    {
        var shape = new Option<string>("--shape") { Description = "M×K×N of c (M×N) = a (M×K) · b (K×N), e.g. 512x512x512", Required = true };
        var form = new Option<string>("--form") { Description = "nn (x·W), tn (xᵀ·dz) or nt (dz·Wᵀ)", DefaultValueFactory = _ => "nn" };
        var threads = Threads();
        var json = CliOptions.Json();
        var command = new Command("gemm", "GFLOP/s of one matrix product.\nExample: fastnet bench gemm --shape 1024x256x10 --form tn") { shape, form, threads, json };
        CommandAction.Set(command, (result, output) =>
        {
            (int m, int k, int n) = ParseShape(result.GetValue(shape)!);
            SgemmForm gemmForm = ParseForm(result.GetValue(form)!);
            int t = CheckThreads(result.GetValue(threads));
            Measurement measured = MeasureGemm(gemmForm, m, k, n, t);
            double gflops = 2.0 * m * k * n / measured.MedianSeconds / 1e9;
            string formName = gemmForm.ToString().ToLowerInvariant();
            if (result.GetValue(json))
            {
                JsonOutput.Write(output, w =>
                {
                    w.WriteNumber("gflops", Math.Round(gflops, 2));
                    w.WriteString("shape", $"{m}x{k}x{n}");
                    w.WriteString("form", formName);
                    w.WriteNumber("threads", t);
                    w.WriteString("isa", KernelInfo.GemmPath);
                    w.WriteString("kernel", KernelInfo.GemmPlan(gemmForm, m, k, n));
                    w.WriteString("caches", KernelInfo.Caches);
                    w.WriteNumber("microsecondsPerCall", Math.Round(measured.MedianSeconds * 1e6, 3));
                    w.WriteNumber("samples", Samples);
                });
            }
            else
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"gemm {m}x{k}x{n} {formName}, {t} thread(s), {KernelInfo.GemmPath}: {gflops:F1} GFLOP/s ({measured.MedianSeconds * 1e6:F2} µs per call, median of {Samples})"));
                output.WriteLine($"kernel {KernelInfo.GemmPlan(gemmForm, m, k, n)}; {KernelInfo.Caches}");
            }
            return FastNetCli.Ok;
        });
        return command;
    }

    private static Measurement MeasureGemm(SgemmForm form, int m, int k, int n, int threads)
    {
        var random = new Random(1);
        float[] a = RandomArray(random, (long)m * k), b = RandomArray(random, (long)k * n), c = new float[checked(m * n)];
        var scratch = new float[Sgemm.ScratchLength(m, k, n, threads)];
        return Measure(new GemmRunner(form, a, b, c, m, k, n, scratch, threads));
    }

    private sealed class GemmRunner(SgemmForm form, float[] a, float[] b, float[] c, int m, int k, int n, float[] scratch, int threads) : IRunner
    {
        public void RunOnce() =>
            Sgemm.Multiply(form, a, b, c, m, k, n, scratch, accumulate: false, threads);
    }

    // ---- train --------------------------------------------------------------------------------------------------

    private static Command CreateTrain()
    {
        var layers = new Option<string>("--layers") { Description = "Layers as units:activation, comma-separated, e.g. 256:sigmoid,10:softmax", Required = true };
        var inputs = new Option<int>("--inputs") { Description = "Input features per sample", Required = true };
        var batch = new Option<int>("--batch") { Description = "Samples per training step", DefaultValueFactory = _ => 1024 };
        var loss = new Option<string>("--loss") { Description = "sse, mse, bce or ce", DefaultValueFactory = _ => "ce" };
        var threads = Threads();
        var json = CliOptions.Json();
        var command = new Command("train", "Milliseconds and bytes allocated per training step (forward, loss, backward, update).\n" +
            "Example: fastnet bench train --layers 256:sigmoid,10:softmax --inputs 784 --batch 1024 --loss ce --threads 2")
        {
            layers, inputs, batch, loss, threads, json,
        };
        CommandAction.Set(command, (result, output) =>
        {
            string layersText = result.GetValue(layers)!;
            LayerSpec[] specs = ArgumentParsers.Layers(layersText, bias: true);
            int inputCount = result.GetValue(inputs), batchSize = result.GetValue(batch);
            if (inputCount < 1) throw new UsageException($"--inputs must be at least 1, not {inputCount}");
            if (batchSize < 1) throw new UsageException($"--batch must be at least 1, not {batchSize}");
            string lossName = result.GetValue(loss)!;
            Loss lossKind = ArgumentParsers.Loss(lossName);
            int t = CheckThreads(result.GetValue(threads));

            var builder = new NetworkBuilder(inputCount).WithLoss(lossKind).WithMaxBatch(batchSize).WithThreads(t).WithSeed(1);
            foreach (LayerSpec spec in specs) builder.Add(spec);
            Network network = builder.Build();
            var runner = new TrainRunner(network, batchSize);
            Measurement measured = Measure(runner);
            double milliseconds = measured.MedianSeconds * 1e3;
            if (result.GetValue(json))
            {
                JsonOutput.Write(output, w =>
                {
                    w.WriteNumber("millisecondsPerStep", Math.Round(milliseconds, 6));
                    w.WriteNumber("allocatedBytesPerStep", measured.AllocatedBytesPerRun);
                    w.WriteString("layers", layersText);
                    w.WriteNumber("inputs", inputCount);
                    w.WriteNumber("batch", batchSize);
                    w.WriteString("loss", lossName);
                    w.WriteNumber("threads", t);
                    w.WriteString("isa", KernelInfo.GemmPath);
                    w.WriteString("kernel", KernelInfo.TrainingPlan(network));
                    w.WriteString("caches", KernelInfo.Caches);
                    w.WriteNumber("samples", Samples);
                });
            }
            else
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"train {inputCount}-{layersText} on {batchSize} samples ({lossName}), {t} thread(s): {(milliseconds < 0.1 ? $"{milliseconds * 1000:F3} µs" : $"{milliseconds:F3} ms")} per step, {measured.AllocatedBytesPerRun} B allocated per step (median of {Samples})"));
                output.WriteLine($"{KernelInfo.GemmPath}: {KernelInfo.TrainingPlan(network)}; {KernelInfo.Caches}");
            }
            return FastNetCli.Ok;
        });
        return command;
    }

    // Restarts from the initial weights every RunLength steps: a step is measured as it is in a real training run, not
    // after millions of steps on random targets, where saturated sigmoids make subnormal gradients that cost the FPU
    // about a hundred cycles per operation and no real training reaches.
    private sealed class TrainRunner : IRunner
    {
        private const int RunLength = 3000;
        private readonly Network _network;
        private readonly float[] _initial;
        private readonly float[] _x, _t;
        private readonly int _batch;
        private readonly TrainingStep _trainingStep;
        private int _step;

        public TrainRunner(Network network, int batch)
        {
            _network = network;
            _trainingStep = new TrainingStep(network, batch, new OptimizerOptions { LearningRate = 0.01f });
            _initial = network.Parameters.ToArray();
            _batch = batch;
            var random = new Random(2);
            _x = RandomArray(random, (long)batch * network.Inputs);
            _t = new float[checked(batch * network.Outputs)];
            for (int i = 0; i < batch; i++)
            {
                if (network.Loss == Loss.CrossEntropy) _t[i * network.Outputs + i % network.Outputs] = 1f;
                else for (int k = 0; k < network.Outputs; k++) _t[i * network.Outputs + k] = (i + k) % 2;
            }
        }

        public void RunOnce()
        {
            if (++_step % RunLength == 0) _initial.CopyTo(_network.Parameters);
            _trainingStep.Run(_x, _t, _trainingStep.OptimizerOptions.LearningRate);
        }
    }

    // ---- predict ------------------------------------------------------------------------------------------------

    private static Command CreatePredict()
    {
        var model = CliOptions.Model();
        var batch = new Option<int>("--batch") { Description = "Rows per Predict call", DefaultValueFactory = _ => 1 };
        var threads = new Option<int>("--threads") { Description = "Most threads one Predict call may use", DefaultValueFactory = _ => 1 };
        var json = CliOptions.Json();
        var command = new Command("predict", "Microseconds, rows per second and bytes allocated per Predictor.Predict call on a saved model.\n" +
            "Example: fastnet bench predict --model model.json --batch 1024 --threads 2 --json")
        {
            model, batch, threads, json,
        };
        CommandAction.Set(command, (result, output) =>
        {
            int rows = result.GetValue(batch);
            if (rows < 1) throw new UsageException($"--batch must be at least 1, not {rows}");
            int t = CheckThreads(result.GetValue(threads));
            string path = result.GetValue(model)!;
            Network network = ModelInput.Load(path).Network;
            Predictor predictor = network.CreatePredictor(t);
            var random = new Random(3);
            float[] x = RandomArray(random, (long)rows * network.Inputs);
            float[] y = new float[checked(rows * network.Outputs)];
            Measurement measured = Measure(new PredictRunner(predictor, x, y));
            double microseconds = measured.MedianSeconds * 1e6;
            double rowsPerSecond = rows / measured.MedianSeconds;
            if (result.GetValue(json))
            {
                JsonOutput.Write(output, w =>
                {
                    w.WriteNumber("microsecondsPerCall", Math.Round(microseconds, 3));
                    w.WriteNumber("rowsPerSecond", Math.Round(rowsPerSecond));
                    w.WriteNumber("allocatedBytesPerCall", measured.AllocatedBytesPerRun);
                    w.WriteString("model", path);
                    w.WriteNumber("inputs", network.Inputs);
                    w.WriteNumber("outputs", network.Outputs);
                    w.WriteNumber("batch", rows);
                    w.WriteNumber("threads", t);
                    w.WriteString("isa", KernelInfo.GemmPath);
                    w.WriteNumber("samples", Samples);
                });
            }
            else
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"predict {Path.GetFileName(path)} ({network.Inputs} → {network.Outputs}) on {rows} row(s), {t} thread(s), {KernelInfo.GemmPath}: {microseconds:F3} µs per call, {rowsPerSecond:N0} rows/s, {measured.AllocatedBytesPerRun} B allocated per call (median of {Samples})"));
            }
            return FastNetCli.Ok;
        });
        return command;
    }

    private sealed class PredictRunner(Predictor predictor, float[] x, float[] y) : IRunner
    {
        public void RunOnce() => predictor.Predict(x, y);
    }

    // ---- measuring ----------------------------------------------------------------------------------------------

    private interface IRunner
    {
        void RunOnce();
    }

    // seconds as a double: a TimeSpan would round a sub-microsecond step to its 100 ns ticks
    private readonly record struct Measurement(double MedianSeconds, long AllocatedBytesPerRun);

    // warm up (JIT tiers, caches, worker threads), then the median of timed samples of at least SampleTime each
    private static Measurement Measure(IRunner runner)
    {
        long started = Stopwatch.GetTimestamp();
        int runs = 0;
        do
        {
            runner.RunOnce();
            runs++;
        }
        while (Stopwatch.GetElapsedTime(started) < TimeSpan.FromMilliseconds(300) || runs < 3);
        int perSample = Math.Max(1, (int)Math.Ceiling(SampleTime.TotalSeconds / (Stopwatch.GetElapsedTime(started).TotalSeconds / runs)));

        var times = new double[Samples];
        long allocated = 0;
        for (int s = 0; s < Samples; s++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            long start = Stopwatch.GetTimestamp();
            for (int i = 0; i < perSample; i++) runner.RunOnce();
            times[s] = Stopwatch.GetElapsedTime(start).TotalSeconds / perSample;
            allocated += GC.GetAllocatedBytesForCurrentThread() - before;
        }
        Array.Sort(times);
        return new Measurement(times[Samples / 2], allocated / ((long)Samples * perSample));
    }

    // ---- parsing ------------------------------------------------------------------------------------------------

    private static (int M, int K, int N) ParseShape(string text)
    {
        string[] parts = text.Split('x', 'X', '×');
        if (parts.Length == 3
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int m) && m > 0
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int k) && k > 0
            && int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n > 0
            && (long)m * k <= int.MaxValue && (long)k * n <= int.MaxValue && (long)m * n <= int.MaxValue)
            return (m, k, n);
        throw new UsageException($"--shape \"{text}\" is not MxKxN with three positive sizes (e.g. 512x512x512)");
    }

    private static SgemmForm ParseForm(string text) => text.ToLowerInvariant() switch
    {
        "nn" => SgemmForm.NN,
        "tn" => SgemmForm.TN,
        "nt" => SgemmForm.NT,
        _ => throw new UsageException($"--form \"{text}\" is not one of nn, tn, nt"),
    };

    private static int CheckThreads(int threads) =>
        threads >= 1 ? threads : throw new UsageException($"--threads must be at least 1, not {threads}");

    private static float[] RandomArray(Random random, long length)
    {
        var values = new float[checked((int)length)];
        for (int i = 0; i < values.Length; i++) values[i] = (float)(random.NextDouble() * 2 - 1);
        return values;
    }
}
