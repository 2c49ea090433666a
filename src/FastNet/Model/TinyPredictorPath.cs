using System.Runtime.Intrinsics;
using FastNet.Kernels;
using FastNet.Kernels.Vectors;

namespace FastNet.Model;

/// <summary>
/// A <see cref="Predictor"/>'s path for tiny networks: every input and layer at most <see cref="TinyInference.MaxWidth"/>
/// (16) wide and at most <see cref="TinyInference.MaxLayers"/> layers, hidden activations element-wise (the output may be
/// softmax: it runs afterwards on y). It runs <see cref="TinyInference"/> (the batch in the vector lanes) with, for each
/// row, the sum sequence the layer-by-layer products give that row's elements: the direct path's
/// (<see cref="SmallGemm"/>: flat rows or row combinations, by the row's place in the network's pass) when the pass is
/// small (<see cref="PackedDenseLayer.IsSmall"/>), else <see cref="UnpackedGemm"/>'s. So the results have the bits of
/// <see cref="Network.Predict(ReadOnlySpan{float}, Span{float})"/> on the same passes, on every width.
/// </summary>
internal sealed unsafe class TinyPredictorPath
{
    private readonly PackedDenseLayer[] _layers;

    private TinyPredictorPath(PackedDenseLayer[] layers) => _layers = layers;

    /// <summary>
    /// The path for these layers, or null when they are not tiny, or when the row combinations' 256- and 512-bit
    /// multiply-adds (always fused) would differ from the multiply-add rule (accelerated vectors without hardware FMA),
    /// or when an unpacked product would sum in more than one k slice.
    /// </summary>
    public static TinyPredictorPath? TryCreate(PackedDenseLayer[] layers)
    {
        if (!FusedMultiplyAdd.IsHardware && (Vector256.IsHardwareAccelerated || Vector512.IsHardwareAccelerated)) return null;
        if (layers.Length > TinyInference.MaxLayers) return null;
        for (int l = 0; l < layers.Length; l++)
        {
            PackedDenseLayer layer = layers[l];
            if (layer.Inputs > TinyInference.MaxWidth || layer.Units > TinyInference.MaxWidth) return null;
            if (UnpackedGemm.SliceDepth(layer.Inputs, layer.Units) < layer.Inputs) return null;
            if (l < layers.Length - 1 && layer.Spec.Activation == Activation.Softmax) return null;
        }
        return new TinyPredictorPath(layers);
    }

    /// <summary>
    /// True when this path has the network's bits for rows r0 .. r1 of a batch of <paramref name="count"/> rows in passes of
    /// <paramref name="networkPass"/> rows: in every pass they touch, each layer takes the direct path or the unpacked
    /// product, whose sequences this path repeats — not the narrow path (<see cref="NarrowGemm"/>: dot products along k).
    /// </summary>
    public bool Covers(int r0, int r1, int count, int networkPass)
    {
        for (int passStart = r0 / networkPass * networkPass; passStart < r1; passStart += networkPass)
        {
            int passRows = Math.Min(networkPass, count - passStart);
            foreach (PackedDenseLayer layer in _layers)
                if (!layer.IsSmall(passRows) && layer.Units <= NarrowGemm.MaxColumns) return false;
        }
        return true;
    }

    /// <summary>
    /// y (rows r0 .. r1 of a batch of <paramref name="count"/> rows) = the network on x (those rows), the batch computed
    /// in the network's passes of <paramref name="networkPass"/> rows; a softmax output is left as z (the caller applies it).
    /// <paramref name="lanes"/> is <see cref="TinyInference.Run(int, TinyLayer*, int, float*, float*, int)"/>'s: 0 for the machine's widths (tests pass each width).
    /// </summary>
    public void Forward(float* x, float* y, int r0, int r1, int count, int networkPass, int lanes = 0)
    {
        int depth = _layers.Length, inputs = _layers[0].Inputs, outputs = _layers[^1].Units;
        TinyLayer* layers = stackalloc TinyLayer[TinyInference.MaxLayers];
        for (int s = r0, e; s < r1; s = e)
        {
            int passStart = s / networkPass * networkPass;
            int passRows = Math.Min(networkPass, count - passStart);
            e = Math.Min(r1, passStart + passRows);
            for (int l = 0; l < depth; l++)
            {
                PackedDenseLayer layer = _layers[l];
                bool output = l == depth - 1;
                Activation product = output ? Activation.Identity : layer.Spec.Activation;   // what the product applies (the output's runs afterwards)
                Activation inLanes = output && layer.Spec.Activation == Activation.Softmax ? Activation.Identity : layer.Spec.Activation;
                TinySum sum;
                if (layer.IsSmall(passRows))
                {
                    // the direct path: the pass's first rows flat, the rest row combinations; stop a segment at the change
                    int flatEnd = passStart + SmallGemm.FlatRowCount(passRows, layer.Inputs, layer.Units);
                    if (s < flatEnd) { sum = TinySum.Chain; e = Math.Min(e, flatEnd); }
                    else sum = TinySum.FourChains;
                }
                else sum = product == Activation.Identity ? TinySum.Chain : TinySum.ChainPlusBias;   // the unpacked epilogue adds b or 0 before f
                layers[l] = layer.Tiny(inLanes, sum);
            }
            TinyInference.Run(lanes, layers, depth, x + (nint)(s - r0) * inputs, y + (nint)(s - r0) * outputs, e - s);
        }
    }
}
