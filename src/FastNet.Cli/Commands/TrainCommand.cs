using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using FastNet.Cli.Progress;
using FastNet.Data;
using FastNet.Serialization;
using FastNet.Training;

namespace FastNet.Cli.Commands;

/// <summary>
/// <c>fastnet train</c>: trains a new network (or one from a model file) on a dataset and saves it. Ctrl+C or SIGTERM
/// stops it at the end of the current epoch with a checkpoint that <c>--resume</c> continues bit-exactly.
/// </summary>
internal static class TrainCommand
{
    public static Command Create()
    {
        var data = CliOptions.Data(required: false, "The dataset file (JSON); required unless --resume");
        var layers = new Option<string>("--layers") { Description = "Layers as UNITS:ACTIVATION[:dropout=P],... (identity, sigmoid, tanh, relu, softmax; dropout on hidden layers)", HelpName = "SPEC" };
        var noBias = new Option<bool>("--no-bias") { Description = "Build the layers without bias" };
        var init = new Option<string>("--init") { Description = "Start from this model file's architecture and weights instead of --layers", HelpName = "MODEL" };
        var loss = new Option<string>("--loss") { Description = "sse, mse, bce or ce (default sse; with --init, the model's)", HelpName = "LOSS" };
        var lr = new Option<float>("--lr") { Description = "Learning rate", DefaultValueFactory = _ => 0.1f, HelpName = "R" };
        var epochs = new Option<int>("--epochs") { Description = "Number of epochs", DefaultValueFactory = _ => 1000, HelpName = "E" };
        var batch = new Option<string>("--batch") { Description = "'full' (one update per epoch) or a mini-batch size", DefaultValueFactory = _ => "full", HelpName = "full|N" };
        var seed = CliOptions.Seed("Seed of the initial weights and of the shuffling");
        var outOption = new Option<string>("--out") { Description = "Where to save the trained model (JSON)", HelpName = "MODEL" };
        var checkpoint = new Option<string>("--checkpoint")
        {
            Description = "Where Ctrl+C or SIGTERM writes a checkpoint to resume from (default: the --out name with .checkpoint.json)",
            HelpName = "FILE",
        };
        var resume = new Option<string>("--resume")
        {
            Description = "Continue the run saved in this checkpoint, with the options it was started with",
            HelpName = "CHECKPOINT",
        };
        var json = CliOptions.Json();
        var quiet = CliOptions.Quiet();
        var labelColumn = CliOptions.LabelColumn();
        var optimizer = new Option<string>("--optimizer") { Description = "sgd, momentum, nesterov, adam, rprop or lbfgs (the last two full batch only)", DefaultValueFactory = _ => "sgd", HelpName = "NAME" };
        var momentum = new Option<float?>("--momentum") { Description = "μ for momentum and nesterov, in [0, 1) (default 0.9)", HelpName = "M" };
        var weightDecay = new Option<float>("--weight-decay") { Description = "L2 weight decay λ (g += λ·w, PyTorch-style), default 0", HelpName = "L2" };
        var noShuffle = new Option<bool>("--no-shuffle") { Description = "Take mini-batches in dataset order instead of a fresh seeded shuffle each epoch" };
        var valSplit = new Option<double?>("--val-split") { Description = "Hold out this fraction of --data (seeded) for validation, in (0, 1)", HelpName = "F" };
        var valData = new Option<string>("--val-data") { Description = "Validate on this dataset file instead", HelpName = "FILE" };
        var patience = new Option<int?>("--patience") { Description = "Early stopping: stop after P epochs without a lower validation loss and keep the best epoch's weights", HelpName = "P" };
        var standardize = new Option<bool>("--standardize") { Description = "Z-score the features (fitted on the training data, stored in the model)" };
        var lrDecay = new Option<string>("--lr-decay") { Description = "constant, step:EVERY:FACTOR or exp:GAMMA", DefaultValueFactory = _ => "constant", HelpName = "SCHEDULE" };
        var historyOption = new Option<string>("--history") { Description = "Write the per-epoch history (loss, accuracy, validation) to this JSON file", HelpName = "FILE" };
        var classWeight = new Option<string>("--class-weight")
        {
            Description = "Weigh each class's samples: 'balanced' (n / (k·n_c), as scikit-learn) or one weight per class, W0,W1,...",
            HelpName = "balanced|W0,W1,...",
        };
        var lbfgsMemory = new Option<int?>("--lbfgs-memory") { Description = "For lbfgs: the pairs m it remembers (default 10)", HelpName = "M" };
        var lbfgsTol = new Option<double?>("--lbfgs-tol") { Description = "For lbfgs: stop when the largest |gradient| is at most this (default 1e-5)", HelpName = "G" };
        var onDivergence = new Option<string>("--on-divergence") { Description = "stop (keep the last good weights) or halve (halve the rate and retry)", DefaultValueFactory = _ => "stop", HelpName = "POLICY" };
        var command = new Command("train", "Train a network and save it. Ctrl+C stops at the end of the current epoch and writes a checkpoint.\n" +
            "Example: fastnet train --data data/moons.json --layers 4:sigmoid,1:sigmoid --loss sse --lr 0.5 --epochs 3000 --out model.json\n" +
            "         fastnet train --data iris.json --layers 16:relu,3:softmax --loss ce --optimizer adam --lr 0.01 --batch 32 --standardize --val-split 0.2 --patience 20 --out iris-model.json\n" +
            "         fastnet train --resume model.checkpoint.json")
        {
            data, layers, noBias, init, loss, lr, epochs, batch, seed, outOption, checkpoint, resume, json,
            optimizer, momentum, weightDecay, noShuffle, valSplit, valData, patience, standardize, lrDecay, historyOption, onDivergence, quiet, labelColumn,
            lbfgsMemory, lbfgsTol, classWeight,
        };
        // Options naming files: a checkpoint keeps them as absolute paths, so a run resumes from any folder.
        Option[] paths = [data, init, outOption, checkpoint, valData, historyOption];
        Option[] perInvocation = [resume, json, quiet];
        CommandAction.Set(command, (result, output) =>
        {
            // With --resume every training option comes from the checkpoint, parsed again as it was first given.
            string? resumePath = result.GetValue(resume);
            TrainingCheckpoint? resumed = null;
            ParseResult settings = result;
            if (resumePath is not null)
            {
                foreach (Option option in command.Options)
                    if (Array.IndexOf(perInvocation, option) < 0 && option != checkpoint && result.GetResult(option) is { Implicit: false })
                        throw new UsageException($"{option.Name} cannot be given with --resume: the run goes on with the options in the checkpoint");
                resumed = TrainingCheckpoint.Load(resumePath);
                settings = command.Parse(resumed.Command);
                if (settings.Errors.Count > 0)
                    throw new FastNetFormatException(resumePath, "$.command", $"holds options this fastnet does not take ({settings.Errors[0].Message})");
            }

            string? layerText = settings.GetValue(layers);
            string? initPath = settings.GetValue(init);
            string? path = settings.GetValue(outOption);
            string dataPath = settings.GetValue(data) ?? throw new UsageException("--data is required (the samples to train on)");
            if (path is null) throw new UsageException("--out is required (where to save the trained model)");
            if ((layerText is null) == (initPath is null)) throw new UsageException("give either --layers or --init");
            if (initPath is not null && settings.GetValue(noBias)) throw new UsageException("--no-bias goes with --layers, not --init");
            if (initPath is not null && settings.GetValue(loss) is not null) throw new UsageException("--loss goes with --layers; with --init the model's loss is used");
            int batchSize = ArgumentParsers.Batch(settings.GetValue(batch)!);
            int epochCount = settings.GetValue(epochs);
            if (epochCount < 1) throw new UsageException($"--epochs: must be at least 1, not {epochCount}");
            ulong seedValue = settings.GetValue(seed);
            OptimizerOptions optimizerOptions = Optimizer(settings, optimizer, momentum, weightDecay, settings.GetValue(lr));
            int? memory = settings.GetValue(lbfgsMemory);
            double? gtol = settings.GetValue(lbfgsTol);
            if ((memory is not null || gtol is not null) && optimizerOptions.Kind != OptimizerKind.Lbfgs)
                throw new UsageException("--lbfgs-memory and --lbfgs-tol go with --optimizer lbfgs");
            optimizerOptions = optimizerOptions with
            {
                LbfgsHistory = memory ?? optimizerOptions.LbfgsHistory,
                LbfgsGradientTolerance = gtol ?? optimizerOptions.LbfgsGradientTolerance,
            };
            LearningRateSchedule schedule = ArgumentParsers.Schedule(settings.GetValue(lrDecay)!);
            DivergencePolicy policy = ArgumentParsers.Divergence(settings.GetValue(onDivergence)!);
            double? split = settings.GetValue(valSplit);
            string? valPath = settings.GetValue(valData);
            if (split is not null && valPath is not null) throw new UsageException("--val-split and --val-data: give one, not both");
            int? patienceValue = settings.GetValue(patience);
            if (patienceValue is < 1) throw new UsageException($"--patience: must be at least 1, not {patienceValue}");
            ClassWeights? classWeights = settings.GetValue(classWeight) is { } cw ? ArgumentParsers.ClassWeights(cw) : null;
            string checkpointPath = result.GetValue(checkpoint) ?? resumePath ?? DefaultCheckpoint(path);
            string? historyPath = settings.GetValue(historyOption);
            // every output is checked before any work: writable, and none the same file as an input or another output
            // (the checkpoint a run resumes from is the one it goes on writing; --init may be replaced by the trained model:
            // it is read before training and replaced atomically)
            string? resumeInput = resumePath is not null && OutputFile.SameFile(resumePath, checkpointPath) ? null : resumePath;
            OutputPaths.Check([("--out", path), ("--history", historyPath), ("--checkpoint", checkpointPath)],
                [("--data", dataPath), ("--val-data", valPath), ("--resume", resumeInput)]);

            Dataset dataset = Dataset.Load(dataPath, settings.GetValue(labelColumn));
            Dataset? validation = valPath is null ? null : Dataset.Load(valPath, settings.GetValue(labelColumn));
            int maxBatch = batchSize == 0 ? dataset.Count : Math.Min(batchSize, dataset.Count);
            var options = new TrainingOptions
            {
                Epochs = epochCount,
                BatchSize = batchSize,
                Shuffle = !settings.GetValue(noShuffle),
                Seed = seedValue,
                Optimizer = optimizerOptions,
                Schedule = schedule,
                Standardize = settings.GetValue(standardize),
                ValidationFraction = split ?? 0,
                Validation = validation,
                Patience = patienceValue ?? 0,
                OnDivergence = policy,
                ClassWeights = classWeights,
            };
            Validate(options);
            Network network;
            Trainer trainer;
            if (resumed is not null)
            {
                network = resumed.Network;
                trainer = Trainer.Resume(resumed, dataset, options);
            }
            else
            {
                network = initPath is not null
                    ? ModelInput.Load(initPath, maxBatch).Network
                    : Build(dataset, dataPath, ArgumentParsers.Layers(layerText!, !settings.GetValue(noBias)),
                        ArgumentParsers.Loss(settings.GetValue(loss) ?? "sse"), seedValue, maxBatch);
                trainer = new Trainer(network, dataset, options);
            }

            TimeSpan warmup = JitWarmup.Training(network, dataset, options);
            TextWriter errors = result.InvocationConfiguration.Error;
            if (historyPath is not null && resumed is { History.Count: 0, Epoch: > 0 })
                errors.WriteLine($"warning: {resumePath} holds no record of epochs 1 to {resumed.Epoch} (an older FastNet wrote it); {historyPath} will hold epochs {resumed.Epoch + 1} on");
            TrainingHistory history;
            int ran;   // the epochs this invocation ran (the history also holds a resumed run's earlier ones)
            using (var interruption = new Interruption())
            {
                // what is going on goes to stderr, so stdout holds only the result (and --quiet or --json silence it)
                bool silent = result.GetValue(quiet) || result.GetValue(json);
                if (!silent)
                    errors.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"training {Describe(network)} from epoch {trainer.Epoch + 1} to {epochCount}; Ctrl+C stops after the current epoch and writes a checkpoint"));
                using (TrainingProgress? progress = TrainingProgress.Start(errors, epochCount, quiet: silent, trainer.Epoch))
                    history = trainer.Run(progress is null ? null : progress.Report, interruption.Token);
                ran = history.Epochs.Count;
                if (resumed is not null) history.Prepend(resumed.History);
                if (history.Cancelled)
                {
                    interruption.WhileSaving(() => trainer.SaveCheckpoint(checkpointPath, Recorded(settings, command, paths, perInvocation),
                        historyPath is null ? null : history));
                    return Interrupted(output, result.GetValue(json), trainer.Epoch, epochCount, checkpointPath);
                }
            }
            Evaluation evaluation = network.Evaluate(dataset);
            if (!double.IsFinite(evaluation.Loss))
                throw new FastNetException($"training diverged (loss {evaluation.Loss}); lower --lr; the model was not saved");
            ModelFile.Save(network, path);
            if (historyPath is not null) history.Save(historyPath);
            if (history.Message is { } message)
                errors.WriteLine($"warning: {message} Saved {path} with those weights.");

            EpochRecord? kept = Kept(history, options);
            double milliseconds = history.Elapsed.TotalMilliseconds;
            double microseconds = history.Elapsed.TotalMicroseconds / Math.Max(1, ran);
            if (result.GetValue(json))
            {
                JsonOutput.Write(output, w =>
                {
                    w.WriteNumber("epochs", trainer.Epoch);
                    w.WriteNumberOrNull("loss", evaluation.Loss);
                    w.WriteNumberOrNull("accuracy", evaluation.Accuracy);
                    w.WriteNumber("trainMilliseconds", milliseconds);
                    w.WriteNumber("microsecondsPerEpoch", microseconds);
                    w.WriteNumber("warmupMilliseconds", warmup.TotalMilliseconds);
                    w.WriteString("model", path);
                    w.WriteString("optimizer", settings.GetValue(optimizer));
                    w.WriteNumberOrNull("validationLoss", kept?.ValidationLoss);
                    w.WriteNumberOrNull("validationAccuracy", kept?.ValidationAccuracy);
                    w.WriteNumber("bestEpoch", history.BestEpoch);
                    w.WriteBoolean("stoppedEarly", history.StoppedEarly);
                    w.WriteBoolean("diverged", history.Diverged);
                    if (history.Message is null) w.WriteNull("message"); else w.WriteString("message", history.Message);
                    if (history.Convergence == ConvergenceReason.None) w.WriteNull("converged"); else w.WriteString("converged", ArgumentParsers.Name(history.Convergence));
                });
                return FastNetCli.Ok;
            }
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"trained {Describe(network)} for {ran} epoch{(ran == 1 ? "" : "s")} in {milliseconds:F1} ms ({microseconds:F2} µs/epoch)"));
            if (history.Convergence != ConvergenceReason.None)
                output.WriteLine($"converged after {trainer.Epoch} iterations: {ArgumentParsers.Name(history.Convergence)}");
            if (history.StoppedEarly)
                output.WriteLine($"stopped early: no lower validation loss for {options.Patience} epochs; kept the weights of epoch {history.BestEpoch}");
            if (kept?.ValidationLoss is { } validationLoss)
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"validation loss {validationLoss:G6}{(kept.Value.ValidationAccuracy is { } vacc ? $", accuracy {vacc:P1}" : "")} (epoch {kept.Value.Epoch})"));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"loss {evaluation.Loss:G6}{(evaluation.Accuracy is { } acc ? $", accuracy {acc:P1}" : "")} on {evaluation.Count} samples"));
            output.WriteLine($"wrote {path}{(historyPath is null ? "" : $" and {historyPath}")}");
            return FastNetCli.Ok;
        });
        return command;
    }

    /// <summary>The update rule of --optimizer, --momentum and --weight-decay at learning rate <paramref name="rate"/> (checked by the library).</summary>
    internal static OptimizerOptions Optimizer(ParseResult result, Option<string> optimizer, Option<float?> momentum, Option<float> weightDecay,
        float rate)
    {
        OptimizerKind kind = ArgumentParsers.Optimizer(result.GetValue(optimizer)!);
        float? mu = result.GetValue(momentum);
        if (mu is not null && kind is not (OptimizerKind.Momentum or OptimizerKind.Nesterov))
            throw new UsageException("--momentum goes with --optimizer momentum or nesterov");
        return new OptimizerOptions { Kind = kind, LearningRate = rate, Momentum = mu ?? 0.9f, WeightDecay = result.GetValue(weightDecay) };
    }

    // The library checks the options (TrainingOptions.Validate); a bad one is a usage error naming its command-line option.
    private static void Validate(TrainingOptions options)
    {
        try
        {
            options.Validate();
        }
        catch (TrainingOptionException e)
        {
            string option = e.Option switch
            {
                nameof(TrainingOptions.Epochs) => "--epochs",
                nameof(TrainingOptions.BatchSize) => "--batch",
                nameof(TrainingOptions.ValidationFraction) => "--val-split",
                nameof(TrainingOptions.Validation) => "--val-data",
                nameof(TrainingOptions.Patience) => "--patience",
                nameof(TrainingOptions.OnDivergence) => "--on-divergence",
                nameof(TrainingOptions.Schedule) => "--lr-decay",
                "Optimizer.LearningRate" => "--lr",
                "Optimizer.Momentum" => "--momentum",
                "Optimizer.WeightDecay" => "--weight-decay",
                "Optimizer.LbfgsHistory" => "--lbfgs-memory",
                "Optimizer.LbfgsGradientTolerance" => "--lbfgs-tol",
                _ => "--optimizer",
            };
            throw new UsageException($"{option}: {e.Problem}");
        }
    }

    // the epoch whose weights the model holds: the best one after early stopping, else the last (null when this
    // session ran no epoch, or the best epoch was before a resume)
    private static EpochRecord? Kept(TrainingHistory history, TrainingOptions options)
    {
        if (history.Epochs.Count == 0) return null;
        if (!(options.Patience > 0 && options.RestoreBestWeights && history.BestEpoch > 0)) return history.Epochs[^1];
        int index = history.BestEpoch - history.Epochs[0].Epoch;
        return index >= 0 && index < history.Epochs.Count ? history.Epochs[index] : null;
    }

    // the --out name with .checkpoint.json instead of its extension, the stem cut so the name stays within the limit
    private static string DefaultCheckpoint(string path)
    {
        const string Suffix = ".checkpoint.json";
        string stem = Path.GetFileNameWithoutExtension(path);
        while (stem.Length > 0 && System.Text.Encoding.UTF8.GetByteCount(stem) + Suffix.Length > OutputFile.MaxNameBytes)
            stem = stem[..^(stem.Length > 1 && char.IsLowSurrogate(stem[^1]) ? 2 : 1)];
        return Path.Combine(Path.GetDirectoryName(path) ?? "", stem + Suffix);
    }

    private static int Interrupted(TextWriter output, bool asJson, int epoch, int epochs, string checkpointPath)
    {
        string again = "fastnet train --resume " + (checkpointPath.Contains(' ') ? $"\"{checkpointPath}\"" : checkpointPath);
        if (asJson)
        {
            JsonOutput.Write(output, w =>
            {
                w.WriteBoolean("interrupted", true);
                w.WriteNumber("epochs", epoch);
                w.WriteString("checkpoint", checkpointPath);
                w.WriteString("resume", again);
            });
        }
        else
        {
            output.WriteLine($"interrupted after epoch {epoch} of {epochs}; wrote checkpoint {checkpointPath}");
            output.WriteLine($"resume with: {again}");
        }
        return FastNetCli.Interrupted;
    }

    /// <summary>
    /// The options of this run as a checkpoint keeps them: every option given (or stored) except the per-invocation
    /// ones, with file paths made absolute so the run can be resumed from any folder.
    /// </summary>
    private static List<string> Recorded(ParseResult result, Command command, Option[] paths, Option[] skip)
    {
        var args = new List<string>();
        foreach (Option option in command.Options)
        {
            if (Array.IndexOf(skip, option) >= 0 || result.GetResult(option) is not { Implicit: false } given) continue;
            args.Add(option.Name);
            foreach (Token token in given.Tokens) args.Add(Array.IndexOf(paths, option) >= 0 ? Path.GetFullPath(token.Value) : token.Value);
        }
        return args;
    }

    /// <summary>A new network for <paramref name="data"/>'s features; an architecture the library refuses is a usage error naming the option.</summary>
    internal static Network Build(Dataset data, string dataPath, LayerSpec[] layers, Loss loss, ulong seed, int maxBatch)
    {
        var builder = new NetworkBuilder(data.FeatureCount).WithLoss(loss).WithSeed(seed).WithMaxBatch(maxBatch);
        foreach (LayerSpec layer in layers) builder.Add(layer);
        try
        {
            return builder.Build();
        }
        catch (FastNetException e)
        {
            // an architecture the library refuses: too many inputs is the data's doing; a rule about the loss and the
            // output layer names --loss; anything else (a layer's place, units, the limits) --layers
            if (e.Message.Contains(" inputs", StringComparison.Ordinal)) throw new FastNetException($"{dataPath}: {e.Message}", e);
            throw new UsageException((e.Message.Contains(" loss", StringComparison.Ordinal) ? "--loss: " : "--layers: ") + e.Message);
        }
    }

    /// <summary>A one-line architecture such as <c>2-4-1 (sigmoid, sigmoid; sse)</c>.</summary>
    public static string Describe(Network network)
    {
        var shape = new List<string> { network.Inputs.ToString(CultureInfo.InvariantCulture) };
        var activations = new List<string>();
        foreach (LayerSpec layer in network.Layers)
        {
            shape.Add(layer.Units.ToString(CultureInfo.InvariantCulture));
            activations.Add(ModelFile.Name(layer.Activation) + (layer.Bias ? "" : " no bias"));
        }
        return $"{string.Join('-', shape)} ({string.Join(", ", activations)}; {ModelFile.Name(network.Loss)})";
    }
}
