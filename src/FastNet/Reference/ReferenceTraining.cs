namespace FastNet.Reference;

/// <summary>
/// A training step written with <see cref="ReferenceKernels"/> only, over plain arrays: the oracle that the fused,
/// blocked and threaded network path is tested against, and the baseline of the training benchmarks.
/// </summary>
internal sealed class ReferenceTraining
{
    private readonly int _inputs;
    private readonly LayerSpec[] _layers;
    private readonly Loss _loss;
    private readonly float[][] _z, _a, _d;

    public ReferenceTraining(int inputs, IReadOnlyList<LayerSpec> layers, Loss loss, int maxBatch)
    {
        _inputs = inputs;
        _layers = [.. layers];
        _loss = loss;
        _z = new float[_layers.Length][];
        _a = new float[_layers.Length][];
        _d = new float[_layers.Length][];
        for (int l = 0; l < _layers.Length; l++)
        {
            _z[l] = new float[maxBatch * _layers[l].Units];
            _a[l] = new float[maxBatch * _layers[l].Units];
            _d[l] = new float[maxBatch * _layers[l].Units];
        }
    }

    /// <summary>
    /// Writes ∂L/∂θ for parameters θ (the network's flat layout: per layer W (inputs×units) then b) on x (batch×inputs)
    /// against t (batch×outputs) and returns L.
    /// </summary>
    public float Gradients(ReadOnlySpan<float> parameters, ReadOnlySpan<float> x, ReadOnlySpan<float> t, int batch, Span<float> gradients)
    {
        // forward: z = x·W + b, a = f(z)
        int offset = 0, fanIn = _inputs;
        ReadOnlySpan<float> input = x;
        for (int l = 0; l < _layers.Length; l++)
        {
            LayerSpec spec = _layers[l];
            int units = spec.Units;
            Span<float> z = _z[l].AsSpan(0, batch * units);
            ReadOnlySpan<float> b = spec.Bias ? parameters.Slice(offset + fanIn * units, units) : default;
            if (spec.Activation == Activation.Softmax || l == _layers.Length - 1)
            {
                // the output layer keeps z for the loss
                ReferenceKernels.DenseForward(input, parameters.Slice(offset, fanIn * units), b, Activation.Identity, z, batch, fanIn, units);
                ReferenceKernels.ActivationForward(spec.Activation, z, _a[l], batch, units);
            }
            else
            {
                ReferenceKernels.DenseForward(input, parameters.Slice(offset, fanIn * units), b, spec.Activation, _a[l], batch, fanIn, units);
            }
            offset += fanIn * units + (spec.Bias ? units : 0);
            input = _a[l].AsSpan(0, batch * units);
            fanIn = units;
        }

        // loss and dz of the output layer
        int last = _layers.Length - 1, outputs = _layers[last].Units, length = batch * outputs;
        float[] a = _a[last], dz = _d[last];
        double loss = 0;
        for (int i = 0; i < length; i++)
        {
            double o = a[i], target = t[i], zi = _z[last][i];
            switch (_loss)
            {
                case Loss.Sse: loss += 0.5 * (o - target) * (o - target); dz[i] = (float)(o - target); break;
                case Loss.Mse: loss += (o - target) * (o - target) / length; dz[i] = (float)(2 * (o - target) / length); break;
                case Loss.Bce:
                    loss += (Math.Max(zi, 0) - zi * target + Math.Log(1 + Math.Exp(-Math.Abs(zi)))) / length;
                    dz[i] = (float)((o - target) / length);
                    break;
                case Loss.CrossEntropy:
                    if (target != 0) loss -= target * Math.Log(Math.Max(o, 1e-45)) / batch;
                    dz[i] = (float)((o - target) / batch);
                    break;
            }
        }
        if (_loss is Loss.Sse or Loss.Mse) ReferenceKernels.ActivationBackward(_layers[last].Activation, a, dz, length);

        // backward: dW = xᵀ·dz, db = Σ dz, da_below = dz·Wᵀ, dz_below = da ⊙ f′
        for (int l = last; l >= 0; l--)
        {
            LayerSpec spec = _layers[l];
            int units = spec.Units, inputs = l == 0 ? _inputs : _layers[l - 1].Units;
            offset -= inputs * units + (spec.Bias ? units : 0);
            ReadOnlySpan<float> below = l == 0 ? x : _a[l - 1];
            ReadOnlySpan<float> d = _d[l].AsSpan(0, batch * units);
            ReferenceKernels.GemmTN(below, d, gradients.Slice(offset, inputs * units), inputs, batch, units, accumulate: false);
            if (spec.Bias && l == last) ReferenceKernels.ColumnSums(d, gradients.Slice(offset + inputs * units, units), batch, units, accumulate: false);
            if (l > 0)
            {
                LayerSpec previous = _layers[l - 1];   // its b (inputs floats) sits just before this layer's W
                ReferenceKernels.GemmNT(d, parameters.Slice(offset, inputs * units), _d[l - 1], batch, units, inputs, accumulate: false);
                if (previous.Bias)
                    ReferenceKernels.ActivationBackwardWithColumnSums(previous.Activation, _a[l - 1], _d[l - 1],
                        gradients.Slice(offset - inputs, inputs), batch, inputs);
                else
                    ReferenceKernels.ActivationBackward(previous.Activation, _a[l - 1], _d[l - 1], batch * inputs);
            }
        }
        return (float)loss;
    }
}
