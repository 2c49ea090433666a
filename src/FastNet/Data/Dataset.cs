using FastNet.Serialization;

namespace FastNet.Data;

/// <summary>
/// Samples for training or evaluation: a (count×features) matrix of finite floats, and either integer class labels
/// (one per sample, optionally with a name per class) or regression targets (count×targetWidth). Immutable: every way
/// of making one copies what it is given, and every transformation (<see cref="Split(double, RandomSeed)"/>,
/// <see cref="Subset(ReadOnlySpan{int})"/>, <see cref="Shuffle(RandomSeed)"/>) returns a new dataset.
/// </summary>
public sealed partial class Dataset
{
    /// <summary>The largest class label a dataset may hold (2^20), in memory and in every file format.</summary>
    public const int MaxLabel = 1 << 20;

    private readonly float[] _features;
    private readonly int[]? _labels;
    private readonly float[]? _targets;
    private readonly string[]? _classNames;
    private readonly float[]? _weights;

    /// <summary>Makes a dataset from a copy of <paramref name="features"/> (row-major, <paramref name="featureCount"/> columns) and of the labels or targets.</summary>
    /// <param name="features">The samples, row after row.</param>
    /// <param name="featureCount">The number of features per sample.</param>
    /// <param name="labels">Class ids 0, 1, ... (one per sample), or null.</param>
    /// <param name="targets">Regression targets, row-major (count×<paramref name="targetWidth"/>), or null when labels are given.</param>
    /// <param name="targetWidth">The number of targets per sample when <paramref name="targets"/> is given.</param>
    /// <param name="description">Free text kept with the data.</param>
    /// <param name="weights">A weight ≥ 0 per sample that every loss multiplies the sample's term by (docs/formats.md), or null for 1 each.</param>
    /// <exception cref="FastNetException">Sizes do not agree, a value is not finite, a label is negative or above <see cref="MaxLabel"/>, a weight is negative or all are 0, or both or neither of labels and targets are given.</exception>
    public Dataset(float[] features, int featureCount, int[]? labels = null, float[]? targets = null, int targetWidth = 0, string? description = null,
        float[]? weights = null)
        : this(features is null ? throw new ArgumentNullException(nameof(features)) : (float[])features.Clone(), featureCount,
            (int[]?)labels?.Clone(), (float[]?)targets?.Clone(), targetWidth, description, classNames: null, (float[]?)weights?.Clone())
    {
    }

    /// <summary>Takes the arrays as they are (the callers made them for this dataset alone) and checks them.</summary>
    internal Dataset(float[] features, int featureCount, int[]? labels, float[]? targets, int targetWidth, string? description,
        string[]? classNames, float[]? weights = null)
    {
        ArgumentNullException.ThrowIfNull(features);
        if (featureCount < 1) throw new FastNetException($"a dataset needs at least one feature per sample, not {featureCount}");
        if (features.Length == 0) throw new FastNetException("a dataset needs at least one sample");
        if (features.Length % featureCount != 0)
            throw new FastNetException($"{features.Length} feature values are not a whole number of rows of {featureCount}");
        int count = features.Length / featureCount;
        if ((labels is null) == (targets is null)) throw new FastNetException("a dataset needs either labels or targets, not both or neither");
        if (labels is not null)
        {
            if (labels.Length != count) throw new FastNetException($"{labels.Length} labels for {count} samples");
            for (int i = 0; i < labels.Length; i++)
                if (labels[i] < 0) throw new FastNetException($"label {labels[i]} of sample {i} is negative");
                else if (labels[i] > MaxLabel) throw new FastNetException($"label {labels[i]} of sample {i} is above the largest class id ({MaxLabel})");
                else if (classNames is not null && labels[i] >= classNames.Length)
                    throw new FastNetException($"label {labels[i]} of sample {i} has no class name ({classNames.Length} classes)");
        }
        if (classNames is not null && labels is null) throw new FastNetException("class names need labels, not regression targets");
        if (targets is not null)
        {
            if (targetWidth < 1) throw new FastNetException($"the target width must be at least 1, not {targetWidth}");
            if (targets.Length != (long)count * targetWidth)
                throw new FastNetException($"{targets.Length} target values for {count} samples of {targetWidth} targets");
            CheckFinite(targets, targetWidth, "target");
        }
        CheckFinite(features, featureCount, "feature");
        if (weights is not null)
        {
            if (weights.Length != count) throw new FastNetException($"{weights.Length} weights for {count} samples");
            double total = 0;
            for (int i = 0; i < weights.Length; i++)
            {
                if (!(weights[i] >= 0) || !float.IsFinite(weights[i]))
                    throw new FastNetException($"the weight of sample {i} is {weights[i]}, not a finite number ≥ 0");
                total += weights[i];
            }
            if (total == 0) throw new FastNetException("every sample weight is 0");
        }
        _weights = weights;
        _features = features;
        _labels = labels;
        _targets = targets;
        _classNames = classNames;
        FeatureCount = featureCount;
        TargetWidth = targets is null ? 1 : targetWidth;
        Count = count;
        Description = description;
    }

    /// <summary>The number of samples.</summary>
    public int Count { get; }

    /// <summary>The number of features per sample.</summary>
    public int FeatureCount { get; }

    /// <summary>The number of targets per sample (1 for labelled data).</summary>
    public int TargetWidth { get; }

    /// <summary>Free text describing where the data came from; may be null.</summary>
    public string? Description { get; }

    /// <summary>The file the samples were read from, named in errors about them; null for data made in memory.</summary>
    internal string? Source { get; init; }

    /// <summary>All features, row-major (Count×FeatureCount).</summary>
    public ReadOnlySpan<float> Features => _features;

    /// <summary>Whether the samples carry class labels (else regression targets).</summary>
    public bool HasLabels => _labels is not null;

    /// <summary>The class labels; empty for regression data.</summary>
    public ReadOnlySpan<int> Labels => _labels;

    /// <summary>The regression targets, row-major (Count×TargetWidth); empty for labelled data.</summary>
    public ReadOnlySpan<float> Targets => _targets;

    /// <summary>The largest label plus one, or the number of class names if larger (2 at least); 0 for regression data.</summary>
    public int ClassCount
    {
        get
        {
            if (_labels is null) return 0;
            int max = Math.Max(1, (_classNames?.Length ?? 0) - 1);
            foreach (int label in _labels) max = Math.Max(max, label);
            return max + 1;
        }
    }

    /// <summary>
    /// The name of each class id (<c>ClassNames[label]</c>) when the labels came as strings, else null. A network trained
    /// on the data keeps them (<see cref="Network.ClassNames"/>) and so does its model file.
    /// </summary>
    public IReadOnlyList<string>? ClassNames => _classNames;

    /// <summary>Whether the samples carry weights (else each counts 1).</summary>
    public bool HasWeights => _weights is not null;

    /// <summary>The weight of each sample; empty when <see cref="HasWeights"/> is false (every sample counts 1).</summary>
    public ReadOnlySpan<float> Weights => _weights;

    /// <summary>The same dataset, naming <paramref name="file"/> in errors about its samples.</summary>
    internal Dataset WithSource(string file) => new(_features, FeatureCount, _labels, _targets, _targets is null ? 0 : TargetWidth, Description, _classNames, _weights) { Source = file };

    /// <summary>The features of sample <paramref name="index"/>.</summary>
    public ReadOnlySpan<float> Row(int index) => _features.AsSpan(index * FeatureCount, FeatureCount);

    /// <summary>
    /// An error about the samples (<paramref name="problem"/> names the sample): a <see cref="FastNetFormatException"/>
    /// naming the file when the data came from one, else a plain <see cref="FastNetException"/>.
    /// </summary>
    internal FastNetException Error(string problem) =>
        Source is null ? new FastNetException(problem) : new FastNetFormatException(Source, "", problem);

    /// <summary>
    /// Reads a dataset file: CSV when the name ends in <c>.csv</c>, JSON otherwise (see docs/formats.md).
    /// </summary>
    /// <param name="path">The file.</param>
    /// <param name="labelColumn">For CSV, the label column's header name or 0-based index (−1 the last); null for the last column.</param>
    /// <exception cref="FastNetFormatException">The file is missing or malformed; the message names the file and place.</exception>
    public static Dataset Load(string path, string? labelColumn = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        return FormatOf(path) == DatasetFormat.Csv ? DatasetCsv.Read(path, labelColumn) : DatasetJson.Read(path);
    }

    /// <summary>
    /// Reads only the features of a dataset file, for a model with <paramref name="featureCount"/> inputs: labels and
    /// targets may be absent. JSON needs just <c>"features"</c>; a CSV file has <paramref name="featureCount"/> columns, or
    /// one more for the label (the last, or <paramref name="labelColumn"/>), which is skipped.
    /// </summary>
    /// <returns>The features, row-major (count×<paramref name="featureCount"/>).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="featureCount"/> is less than 1.</exception>
    /// <exception cref="FastNetFormatException">The file is missing or malformed, or its rows do not have the features the model takes.</exception>
    public static float[] LoadFeatures(string path, int featureCount, string? labelColumn = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentOutOfRangeException.ThrowIfLessThan(featureCount, 1);
        byte[] bytes = JsonInput.ReadBytes(path);
        return FormatOf(path) == DatasetFormat.Csv
            ? DatasetCsv.ReadFeatures(path, bytes, featureCount, labelColumn)
            : DatasetJson.ReadFeatures(path, bytes, featureCount);
    }

    /// <summary>Reads a dataset in <paramref name="format"/> from <paramref name="stream"/> (to its end; the stream stays open).</summary>
    /// <param name="stream">The bytes of a dataset file.</param>
    /// <param name="format">JSON or CSV.</param>
    /// <param name="labelColumn">For CSV, the label column's header name or 0-based index (−1 the last); null for the last column.</param>
    /// <exception cref="FastNetFormatException">The data is malformed; the message names the place.</exception>
    public static Dataset Load(Stream stream, DatasetFormat format, string? labelColumn = null) =>
        format == DatasetFormat.Csv ? DatasetCsv.Read(stream, labelColumn) : DatasetJson.Read(stream);

    /// <summary>Writes the dataset atomically (a failed save leaves no partial file): CSV when the name ends in <c>.csv</c>, JSON otherwise.</summary>
    public void Save(string path) => Save(path, FormatOf(path));

    /// <summary>Writes the dataset atomically in <paramref name="format"/>, whatever the file's extension.</summary>
    public void Save(string path, DatasetFormat format) => AtomicFile.Write(path, stream => Save(stream, format));

    /// <summary>Writes the dataset in <paramref name="format"/> to <paramref name="stream"/> (which stays open).</summary>
    public void Save(Stream stream, DatasetFormat format)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (format == DatasetFormat.Csv) DatasetCsv.Write(this, stream);
        else DatasetJson.Write(this, stream);
    }

    /// <summary>The format a file name implies: <see cref="DatasetFormat.Csv"/> for <c>.csv</c>, else <see cref="DatasetFormat.Json"/>.</summary>
    public static DatasetFormat FormatOf(string path) =>
        Path.GetExtension(path).Equals(".csv", StringComparison.OrdinalIgnoreCase) ? DatasetFormat.Csv : DatasetFormat.Json;

    /// <summary>
    /// The training targets for a network with <paramref name="outputs"/> outputs (count×outputs): the regression targets
    /// as they are; for labels, t = label with one output, one-hot rows with several.
    /// </summary>
    internal float[] TargetMatrix(int outputs, Loss loss)
    {
        if (_targets is not null)
        {
            if (TargetWidth != outputs)
                throw Error($"the data has {TargetWidth} targets per sample but the network has {outputs} outputs");
            if (loss == Loss.Bce)
                for (int i = 0; i < _targets.Length; i++)
                    if (!(_targets[i] >= 0f && _targets[i] <= 1f))
                        throw Error($"target {_targets[i]} of sample {i / TargetWidth} is outside [0, 1], which the bce loss needs (labels 0/1 or probabilities)");
            return _targets;
        }
        var t = new float[(long)Count * outputs];
        for (int i = 0; i < Count; i++)
        {
            int label = _labels![i];
            if (outputs == 1)
            {
                if (label > 1) throw Error($"label {label} of sample {i} needs more than the network's one output (0/1)");
                t[i] = label;
            }
            else
            {
                if (label >= outputs) throw Error($"label {label} of sample {i} is outside the network's {outputs} classes");
                t[i * outputs + label] = 1f;
            }
        }
        return t;
    }

    /// <summary>The same samples with other features (count×FeatureCount), for a standardised copy.</summary>
    internal Dataset WithFeatures(float[] features) =>
        new(features, FeatureCount, _labels, _targets, _targets is null ? 0 : TargetWidth, Description, _classNames, _weights);

    private static void CheckFinite(float[] values, int width, string what)
    {
        for (int i = 0; i < values.Length; i++)
            if (!float.IsFinite(values[i]))
                throw new FastNetException($"{what} {i % width} of sample {i / width} is {values[i]}, not a finite number");
    }
}
