namespace FastNet.Data;

/// <summary>New datasets made of some of the samples of this one: a seeded split, a subset, a shuffled copy.</summary>
public sealed partial class Dataset
{
    /// <summary>
    /// Splits off about <paramref name="fraction"/> of the samples, chosen by a seeded permutation: for labelled data
    /// round(n_c·fraction) of each class c (stratified, as scikit-learn's early stopping does), else round(count·fraction);
    /// at least one sample goes to each part. Both parts keep the original order of their samples. With the seed of a
    /// <see cref="Training.TrainingOptions"/>, the test part is exactly the validation data its
    /// <see cref="Training.TrainingOptions.ValidationFraction"/> holds out.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="fraction"/> is not between 0 and 1 (exclusive).</exception>
    /// <exception cref="FastNetException">The dataset has fewer than two samples.</exception>
    public (Dataset Train, Dataset Test) Split(double fraction, RandomSeed seed = default)
    {
        if (!(fraction > 0 && fraction < 1)) throw new ArgumentOutOfRangeException(nameof(fraction), fraction, "the fraction must be between 0 and 1");
        if (Count < 2) throw new FastNetException($"cannot split a dataset of {Count} sample");
        var order = new int[Count];
        var random = new SeededRandom(seed.Value ^ 0x5851_F42D_4C95_7F2DUL);
        random.Shuffle(order);
        var isHeld = new bool[Count];
        int held = 0;
        if (_labels is not null)
        {
            var perClass = new int[ClassCount];
            foreach (int label in _labels) perClass[label]++;
            for (int c = 0; c < perClass.Length; c++) perClass[c] = (int)Math.Round(perClass[c] * fraction);   // now the quota
            foreach (int i in order)
                if (perClass[_labels[i]] > 0 && held < Count - 1)
                {
                    perClass[_labels[i]]--;
                    isHeld[i] = true;
                    held++;
                }
        }
        else
        {
            held = Math.Min((int)Math.Round(Count * fraction), Count - 1);
            for (int i = 0; i < held; i++) isHeld[order[i]] = true;
        }
        if (held == 0)
        {
            isHeld[order[0]] = true;
            held = 1;
        }
        int[] kept = new int[Count - held], test = new int[held];
        for (int i = 0, k = 0, t = 0; i < Count; i++)
            if (isHeld[i]) test[t++] = i;
            else kept[k++] = i;
        return (Rows(kept), Rows(test));
    }

    /// <summary>The samples at <paramref name="indices"/>, in that order (an index may repeat, as in a bootstrap sample).</summary>
    /// <exception cref="ArgumentException">No index is given, or one is outside 0 to <see cref="Count"/> − 1.</exception>
    public Dataset Subset(ReadOnlySpan<int> indices)
    {
        if (indices.IsEmpty) throw new ArgumentException("a subset needs at least one index", nameof(indices));
        for (int i = 0; i < indices.Length; i++)
            if ((uint)indices[i] >= (uint)Count)
                throw new ArgumentOutOfRangeException(nameof(indices), indices[i], $"index {i} is outside the dataset's {Count} samples");
        return Rows(indices);
    }

    /// <summary>The <paramref name="count"/> samples from <paramref name="start"/> on.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The range is empty or not inside the dataset.</exception>
    public Dataset Subset(int start, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, Count - start);
        var indices = new int[count];
        for (int i = 0; i < count; i++) indices[i] = start + i;
        return Rows(indices);
    }

    /// <summary>The samples in a seeded random order (the same seed gives the same order).</summary>
    public Dataset Shuffle(RandomSeed seed = default)
    {
        var order = new int[Count];
        new SeededRandom(seed).Shuffle(order);
        return Rows(order);
    }

    // the rows at `indices` (all in range), with their labels or targets, weights and the class names
    private Dataset Rows(ReadOnlySpan<int> indices)
    {
        int width = FeatureCount, targetWidth = TargetWidth, count = indices.Length;
        var features = new float[(long)count * width];
        int[]? labels = _labels is null ? null : new int[count];
        float[]? targets = _targets is null ? null : new float[(long)count * targetWidth];
        float[]? weights = HasWeights ? new float[count] : null;
        for (int r = 0; r < count; r++)
        {
            int i = indices[r];
            Row(i).CopyTo(features.AsSpan(r * width, width));
            if (labels is not null) labels[r] = _labels![i];
            if (weights is not null) weights[r] = Weights[i];
            if (targets is not null) _targets.AsSpan(i * targetWidth, targetWidth).CopyTo(targets.AsSpan(r * targetWidth, targetWidth));
        }
        return new Dataset(features, width, labels, targets, targets is null ? 0 : targetWidth, Description, _classNames, weights) { Source = Source };
    }
}
