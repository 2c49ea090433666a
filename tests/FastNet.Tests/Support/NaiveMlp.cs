namespace FastNet.Tests.Support;

/// <summary>
/// An independent, deliberately naive multilayer perceptron in double precision: arrays of arrays, textbook formulas,
/// backpropagation by the chain rule written out (derivatives from z, the bce and ce gradients through ∂L/∂a and the
/// activation's own derivative or Jacobian rather than FastNet's fused a − t). It shares no code with FastNet; it is the
/// oracle of the golden trajectory and of the network gradient property.
/// </summary>
internal sealed class NaiveMlp
{
    private readonly int _inputs;
    private readonly LayerSpec[] _layers;
    private readonly Loss _loss;

    public NaiveMlp(Network network)
    {
        _inputs = network.Inputs;
        _layers = [.. network.Layers];
        _loss = network.Loss;
        W = new double[_layers.Length][];
        B = new double[_layers.Length][];
        for (int l = 0; l < _layers.Length; l++)
        {
            W[l] = OracleCheck.Widen(network.Weights(l));
            B[l] = _layers[l].Bias ? OracleCheck.Widen(network.Bias(l)) : new double[_layers[l].Units];
        }
    }

    /// <summary>W[l] is (inputs×units) row-major, as in FastNet.</summary>
    public double[][] W { get; }

    /// <summary>B[l] (units); zeros for a layer without bias.</summary>
    public double[][] B { get; }

    /// <summary>The loss on x (n×inputs) and t (n×outputs) and its gradients dW, dB (same shapes as W, B) and dx (n×inputs).</summary>
    public (double Loss, double[][] DW, double[][] DB, double[] DX) Gradients(double[] x, double[] t, int n)
    {
        int count = _layers.Length;
        var z = new double[count][];
        var a = new double[count + 1][];   // a[0] = x, a[l + 1] = f(z[l]) for hidden layers
        a[0] = x;
        int fanIn = _inputs;
        for (int l = 0; l < count; l++)
        {
            int units = _layers[l].Units;
            z[l] = new double[n * units];
            a[l + 1] = new double[n * units];
            for (int s = 0; s < n; s++)
            {
                for (int j = 0; j < units; j++)
                {
                    double sum = B[l][j];
                    for (int i = 0; i < fanIn; i++) sum += a[l][s * fanIn + i] * W[l][i * units + j];
                    z[l][s * units + j] = sum;
                }
                if (l < count - 1)   // the output's activation is part of the loss below
                    for (int j = 0; j < units; j++) a[l + 1][s * units + j] = F(_layers[l].Activation, z[l][s * units + j]);
            }
            fanIn = units;
        }

        (double loss, double[] dzOut) = LossAndOutputGradient(_loss, _layers[^1].Activation, z[count - 1], t, n, _layers[^1].Units);
        var dW = new double[count][];
        var dB = new double[count][];
        double[] dA = [];
        for (int l = count - 1; l >= 0; l--)
        {
            int units = _layers[l].Units;
            fanIn = l == 0 ? _inputs : _layers[l - 1].Units;
            double[] dz = dzOut;
            if (l < count - 1)
            {
                dz = new double[n * units];
                for (int e = 0; e < dz.Length; e++) dz[e] = dA[e] * FPrime(_layers[l].Activation, z[l][e]);
            }
            dW[l] = new double[fanIn * units];
            dB[l] = new double[units];
            var dPrevious = new double[n * fanIn];
            for (int s = 0; s < n; s++)
                for (int j = 0; j < units; j++)
                {
                    double g = dz[s * units + j];
                    dB[l][j] += g;
                    for (int i = 0; i < fanIn; i++)
                    {
                        dW[l][i * units + j] += a[l][s * fanIn + i] * g;
                        dPrevious[s * fanIn + i] += g * W[l][i * units + j];
                    }
                }
            dA = dPrevious;
        }
        return (loss, dW, dB, dA);
    }

    /// <summary>
    /// The loss of output pre-activations z (n×k) against targets t and ∂L/∂z: a = act(z), ∂L/∂a by the textbook
    /// formula of the loss, then through act′ or, for softmax, its Jacobian ∂aₘ/∂zⱼ = aₘ(δₘⱼ − aⱼ).
    /// </summary>
    public static (double Loss, double[] Dz) LossAndOutputGradient(Loss lossKind, Activation output, double[] z, double[] t, int n, int k)
    {
        var o = new double[n * k];
        for (int s = 0; s < n; s++)
        {
            if (output == Activation.Softmax)
            {
                double total = 0;
                for (int j = 0; j < k; j++) total += Math.Exp(z[s * k + j]);
                for (int j = 0; j < k; j++) o[s * k + j] = Math.Exp(z[s * k + j]) / total;
            }
            else
            {
                for (int j = 0; j < k; j++) o[s * k + j] = F(output, z[s * k + j]);
            }
        }
        double loss = 0;
        var da = new double[n * k];
        for (int e = 0; e < n * k; e++)
        {
            switch (lossKind)
            {
                case Loss.Sse:
                    loss += 0.5 * (o[e] - t[e]) * (o[e] - t[e]);
                    da[e] = o[e] - t[e];
                    break;
                case Loss.Mse:
                    loss += (o[e] - t[e]) * (o[e] - t[e]) / (n * k);
                    da[e] = 2 * (o[e] - t[e]) / (n * k);
                    break;
                case Loss.Bce:
                    loss += -(t[e] * Math.Log(o[e]) + (1 - t[e]) * Math.Log(1 - o[e])) / (n * k);
                    da[e] = -(t[e] / o[e] - (1 - t[e]) / (1 - o[e])) / (n * k);
                    break;
                case Loss.CrossEntropy:
                    if (t[e] != 0) loss += -t[e] * Math.Log(o[e]) / n;
                    da[e] = t[e] == 0 ? 0 : -t[e] / (o[e] * n);
                    break;
            }
        }
        var dz = new double[n * k];
        for (int s = 0; s < n; s++)
            for (int j = 0; j < k; j++)
            {
                if (output != Activation.Softmax)
                {
                    dz[s * k + j] = da[s * k + j] * FPrime(output, z[s * k + j]);
                    continue;
                }
                double sum = 0;
                for (int m = 0; m < k; m++) sum += da[s * k + m] * o[s * k + m] * ((m == j ? 1 : 0) - o[s * k + j]);
                dz[s * k + j] = sum;
            }
        return (loss, dz);
    }

    /// <summary>One full-batch gradient-descent step; returns the loss before it.</summary>
    public double Step(double[] x, double[] t, int n, double learningRate)
    {
        (double loss, double[][] dW, double[][] dB, _) = Gradients(x, t, n);
        for (int l = 0; l < _layers.Length; l++)
        {
            for (int i = 0; i < W[l].Length; i++) W[l][i] -= learningRate * dW[l][i];
            if (_layers[l].Bias)
                for (int j = 0; j < B[l].Length; j++) B[l][j] -= learningRate * dB[l][j];
        }
        return loss;
    }

    /// <summary>act(z) by its textbook formula.</summary>
    public static double F(Activation activation, double z) => activation switch
    {
        Activation.Identity => z,
        Activation.Sigmoid => 1 / (1 + Math.Exp(-z)),
        Activation.Tanh => Math.Tanh(z),
        Activation.Relu => Math.Max(z, 0),
        _ => throw new ArgumentOutOfRangeException(nameof(activation)),
    };

    private static double FPrime(Activation activation, double z) => activation switch
    {
        Activation.Identity => 1,
        Activation.Sigmoid => F(Activation.Sigmoid, z) * (1 - F(Activation.Sigmoid, z)),
        Activation.Tanh => 1 - Math.Tanh(z) * Math.Tanh(z),
        Activation.Relu => z > 0 ? 1 : 0,
        _ => throw new ArgumentOutOfRangeException(nameof(activation)),
    };
}
