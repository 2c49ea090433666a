using System.Numerics.Tensors;

namespace FastNet.Diagnostics;

/// <summary>
/// A network's forward pass and loss re-evaluated in double precision from its float32 weights, for central differences.
/// The loss is exactly <c>LossKernels</c>' definition, written as a sum of per-sample terms ℓₙ times a constant:
/// sse ½Σₖ(a − t)² (× 1), mse Σₖ(a − t)² (× 1/(N·K)), bce Σₖ max(z, 0) − z·t + ln(1 + e^−|z|) (× 1/(N·K)), ce
/// −Σₖ tₖ (zₖ − logsumexp z) (× 1/N); with sample weights each ℓₙ is multiplied by wₙ and W = Σwₙ replaces N (as
/// <c>WeightedLoss</c> defines). Every pre-activation and activation of the unperturbed point is cached, and a
/// parameter of layer l enters the loss only through z_l, which is linear in it; so L(θ ± h·eₚ) is evaluated by
/// adding ±h·∂z_l/∂θₚ to the cached z_l and running only the layers above, one sample at a time (a weight or bias
/// moves one unit, so the next layer needs only a rank-one update). Summing ℓₙ(+) − ℓₙ(−)
/// per sample avoids subtracting two large totals. All buffers are allocated in the constructor.
/// </summary>
internal sealed class DoubleEvaluator
{
    private readonly LayerShape[] _layers;
    private readonly Loss _loss;
    private readonly double[] _parameters;   // the network's layout: W_0, b_0, W_1, b_1, ...
    private readonly double[] _x;            // rows×inputs
    private readonly double[] _t;            // rows×outputs
    private readonly double[]? _w;           // rows sample weights, or null for 1 each
    private readonly double[][] _z;          // per layer, rows×units, unperturbed
    private readonly double[][] _a;          // per layer, rows×units, unperturbed
    private readonly double[] _p, _q, _r;    // one row each, the widest layer: the ping-pong buffers of a re-evaluation
    private readonly int _inputs;

    public DoubleEvaluator(Network network, ReadOnlySpan<float> x, ReadOnlySpan<float> t, ReadOnlySpan<float> w, int rows)
    {
        _w = w.IsEmpty ? null : ToDouble(w.Slice(0, rows));
        double total = rows;
        if (_w is not null)
        {
            total = 0;
            foreach (double v in _w) total += v;
        }
        _loss = network.Loss;
        _inputs = network.Inputs;
        Rows = rows;
        Outputs = network.Outputs;
        ReadOnlySpan<float> parameters = network.Parameters;
        _parameters = new double[parameters.Length];
        for (int i = 0; i < parameters.Length; i++) _parameters[i] = parameters[i];
        _x = ToDouble(x.Slice(0, rows * _inputs));
        _t = ToDouble(t.Slice(0, rows * Outputs));

        _layers = new LayerShape[network.Layers.Count];
        _z = new double[_layers.Length][];
        _a = new double[_layers.Length][];
        int offset = 0, fanIn = _inputs, widest = _inputs;
        for (int l = 0; l < _layers.Length; l++)
        {
            LayerSpec spec = network.Layers[l];
            _layers[l] = new LayerShape(fanIn, spec.Units, spec.Activation, offset, spec.Bias ? offset + fanIn * spec.Units : -1);
            offset += fanIn * spec.Units + (spec.Bias ? spec.Units : 0);
            _z[l] = new double[rows * spec.Units];
            _a[l] = new double[rows * spec.Units];
            widest = Math.Max(widest, spec.Units);
            fanIn = spec.Units;
        }
        _p = new double[widest];
        _q = new double[widest];
        _r = new double[widest];
        LossScale = _loss switch
        {
            Loss.Sse => 1.0,
            Loss.Mse or Loss.Bce => 1.0 / (total * Outputs),
            Loss.CrossEntropy => 1.0 / total,
            _ => throw new ArgumentOutOfRangeException(nameof(network), _loss, "unknown loss"),
        };

        double sum = 0;
        for (int n = 0; n < rows; n++)
        {
            ReadOnlySpan<double> input = _x.AsSpan(n * _inputs, _inputs);
            for (int l = 0; l < _layers.Length; l++)
            {
                LayerShape layer = _layers[l];
                Span<double> z = _z[l].AsSpan(n * layer.Units, layer.Units);
                Dense(layer, input, z);
                ulong ignored = 0;
                Activate(layer.Activation, z, _a[l].AsSpan(n * layer.Units, layer.Units), ref ignored);
                input = _a[l].AsSpan(n * layer.Units, layer.Units);
            }
            sum += SampleLoss(_z[^1].AsSpan(n * Outputs, Outputs), n);
        }
        PointLoss = sum * LossScale;
    }

    /// <summary>The number of samples N.</summary>
    public int Rows { get; }

    /// <summary>The number of outputs K.</summary>
    public int Outputs { get; }

    /// <summary>The constant the per-sample terms are multiplied by: 1, 1/(N·K) or 1/N (W for N with weights).</summary>
    public double LossScale { get; }

    /// <summary>L at the unperturbed point, in double precision.</summary>
    public double PointLoss { get; }

    /// <summary>
    /// (L(W + h) − L(W − h)) / 2h for W_l[i, j]. <paramref name="kink"/> is set when a relu unit is active on one side and
    /// not on the other for some sample, i.e. the two points straddle a kink and the quotient is no derivative.
    /// </summary>
    public double WeightDerivative(int layer, int i, int j, double h, out bool kink)
    {
        LayerShape shape = _layers[layer];
        ReadOnlySpan<double> below = layer == 0 ? _x : _a[layer - 1];
        double difference = 0;
        kink = false;
        for (int n = 0; n < Rows; n++)
        {
            double xi = below[n * shape.Inputs + i];
            if (xi == 0) continue;   // z_l does not move, so neither does ℓₙ
            double zj = _z[layer][n * shape.Units + j];
            double plus = SampleLossWithUnit(layer, n, j, zj + h * xi, out ulong plusPattern);
            double minus = SampleLossWithUnit(layer, n, j, zj - h * xi, out ulong minusPattern);
            difference += plus - minus;
            kink |= plusPattern != minusPattern;
        }
        return difference * LossScale / (2 * h);
    }

    /// <summary>(L(b + h) − L(b − h)) / 2h for b_l[j]; <paramref name="kink"/> as for <see cref="WeightDerivative"/>.</summary>
    public double BiasDerivative(int layer, int j, double h, out bool kink)
    {
        int units = _layers[layer].Units;
        double difference = 0;
        kink = false;
        for (int n = 0; n < Rows; n++)
        {
            double zj = _z[layer][n * units + j];
            double plus = SampleLossWithUnit(layer, n, j, zj + h, out ulong plusPattern);
            double minus = SampleLossWithUnit(layer, n, j, zj - h, out ulong minusPattern);
            difference += plus - minus;
            kink |= plusPattern != minusPattern;
        }
        return difference * LossScale / (2 * h);
    }

    // ℓₙ when only unit j of layer `layer` moves, to pre-activation zj. Below the output, only a_j changes, so the next
    // layer's pre-activation is the cached one plus (a_j′ − a_j)·W_{l+1}[j, :], a rank-one update; the layers above
    // that are recomputed.
    private double SampleLossWithUnit(int layer, int n, int j, double zj, out ulong pattern)
    {
        LayerShape shape = _layers[layer];
        if (layer == _layers.Length - 1)
        {
            _z[layer].AsSpan(n * shape.Units, shape.Units).CopyTo(_p);
            _p[j] = zj;
            return SampleLossFrom(layer, n, out pattern);
        }
        pattern = 0;
        Span<double> unit = stackalloc double[1];
        Activate(shape.Activation, [zj], unit, ref pattern);
        double delta = unit[0] - _a[layer][n * shape.Units + j];
        LayerShape next = _layers[layer + 1];
        Span<double> z = _p.AsSpan(0, next.Units);
        _z[layer + 1].AsSpan(n * next.Units, next.Units).CopyTo(z);
        TensorPrimitives.MultiplyAdd(_parameters.AsSpan(next.WeightOffset + j * next.Units, next.Units), delta, z, z);
        double loss = SampleLossFrom(layer + 1, n, out ulong above);
        pattern = pattern * 0x100000001B3UL + above;
        return loss;
    }

    /// <summary>(L(x + h) − L(x − h)) / 2h for x[n, i]; only sample n moves. <paramref name="kink"/> as above.</summary>
    public double InputDerivative(int n, int i, double h, out bool kink)
    {
        LayerShape first = _layers[0];
        ReadOnlySpan<double> z = _z[0].AsSpan(n * first.Units, first.Units);
        ReadOnlySpan<double> wRow = _parameters.AsSpan(first.WeightOffset + i * first.Units, first.Units);
        for (int k = 0; k < first.Units; k++) _p[k] = z[k] + h * wRow[k];
        double plus = SampleLossFrom(0, n, out ulong plusPattern);
        for (int k = 0; k < first.Units; k++) _p[k] = z[k] - h * wRow[k];
        double minus = SampleLossFrom(0, n, out ulong minusPattern);
        kink = plusPattern != minusPattern;
        return (plus - minus) * LossScale / (2 * h);
    }

    // ℓₙ from the pre-activation of layer `layer` held in _p; layers above are recomputed through _q (activations) and _r
    // (the next pre-activation), rotating _p and _r. `pattern` hashes every relu unit's on/off state on the way.
    private double SampleLossFrom(int layer, int n, out ulong pattern)
    {
        pattern = 0;
        double[] z = _p, next = _r;
        for (int l = layer; l < _layers.Length - 1; l++)
        {
            LayerShape shape = _layers[l];
            Span<double> a = _q.AsSpan(0, shape.Units);
            Activate(shape.Activation, z.AsSpan(0, shape.Units), a, ref pattern);
            Dense(_layers[l + 1], a, next.AsSpan(0, _layers[l + 1].Units));
            (z, next) = (next, z);
        }
        LayerShape output = _layers[^1];
        if (output.Activation == Activation.Relu) Activate(Activation.Relu, z.AsSpan(0, output.Units), _q.AsSpan(0, output.Units), ref pattern);
        return SampleLoss(z.AsSpan(0, output.Units), n);
    }

    // z (units) = x (inputs) · W (inputs×units) + b
    private void Dense(LayerShape layer, ReadOnlySpan<double> x, Span<double> z)
    {
        if (layer.BiasOffset >= 0) _parameters.AsSpan(layer.BiasOffset, layer.Units).CopyTo(z);
        else z.Clear();
        for (int i = 0; i < layer.Inputs; i++)
        {
            double xi = x[i];
            ReadOnlySpan<double> wRow = _parameters.AsSpan(layer.WeightOffset + i * layer.Units, layer.Units);
            TensorPrimitives.MultiplyAdd(wRow, xi, z, z);   // z += xᵢ·W[i, :]
        }
    }

    // a = f(z) for a hidden layer (softmax is only ever an output and is folded into the ce loss)
    private static void Activate(Activation activation, ReadOnlySpan<double> z, Span<double> a, ref ulong pattern)
    {
        switch (activation)
        {
            case Activation.Relu:
                for (int j = 0; j < z.Length; j++)
                {
                    bool on = z[j] > 0;
                    a[j] = on ? z[j] : 0;
                    pattern = pattern * 0x100000001B3UL + (on ? 1UL : 2UL);   // FNV-style: any single flip changes it
                }
                break;
            case Activation.Softmax:
                double max = double.NegativeInfinity;
                foreach (double v in z) max = Math.Max(max, v);
                double sum = 0;
                for (int j = 0; j < z.Length; j++) sum += a[j] = Math.Exp(z[j] - max);
                for (int j = 0; j < z.Length; j++) a[j] /= sum;
                break;
            default:
                for (int j = 0; j < z.Length; j++) a[j] = Apply(activation, z[j]);
                break;
        }
    }

    /// <summary>f(z) in double for an element-wise activation; the sigmoid never overflows.</summary>
    internal static double Apply(Activation activation, double z) => activation switch
    {
        Activation.Identity => z,
        Activation.Sigmoid => z >= 0 ? 1 / (1 + Math.Exp(-z)) : Math.Exp(z) / (1 + Math.Exp(z)),
        Activation.Tanh => Math.Tanh(z),
        Activation.Relu => z > 0 ? z : 0,
        _ => throw new ArgumentOutOfRangeException(nameof(activation), activation, "not element-wise"),
    };

    // wₙ·ℓₙ from the output pre-activation z (K) and sample n's targets and weight
    private double SampleLoss(ReadOnlySpan<double> z, int n) => _w is null ? UnweightedSampleLoss(z, n) : _w[n] * UnweightedSampleLoss(z, n);

    private double UnweightedSampleLoss(ReadOnlySpan<double> z, int n)
    {
        ReadOnlySpan<double> t = _t.AsSpan(n * Outputs, Outputs);
        Activation output = _layers[^1].Activation;
        double sum = 0;
        switch (_loss)
        {
            case Loss.Sse:
            case Loss.Mse:
                for (int k = 0; k < z.Length; k++)
                {
                    double d = Apply(output, z[k]) - t[k];
                    sum += d * d;
                }
                return _loss == Loss.Sse ? 0.5 * sum : sum;
            case Loss.Bce:
                for (int k = 0; k < z.Length; k++)
                    sum += Math.Max(z[k], 0) - z[k] * t[k] + Math.Log(1 + Math.Exp(-Math.Abs(z[k])));
                return sum;
            case Loss.CrossEntropy:
                double max = double.NegativeInfinity;
                foreach (double v in z) max = Math.Max(max, v);
                double exps = 0;
                foreach (double v in z) exps += Math.Exp(v - max);
                double logSumExp = max + Math.Log(exps);
                for (int k = 0; k < z.Length; k++)
                    if (t[k] != 0) sum -= t[k] * (z[k] - logSumExp);
                return sum;
            default:
                throw new InvalidOperationException($"unknown loss {_loss}");
        }
    }

    private static double[] ToDouble(ReadOnlySpan<float> values)
    {
        var result = new double[values.Length];
        for (int i = 0; i < values.Length; i++) result[i] = values[i];
        return result;
    }

    private readonly record struct LayerShape(int Inputs, int Units, Activation Activation, int WeightOffset, int BiasOffset);
}
