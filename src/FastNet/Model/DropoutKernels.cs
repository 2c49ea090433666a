namespace FastNet.Model;

/// <summary>
/// Inverted dropout (Srivastava et al. 2014, with the 1/(1 − p) scale at training time so inference is the identity):
/// forward keeps each activation with probability 1 − p and scales it by 1/(1 − p), remembering the scale per element;
/// backward multiplies the incoming gradient by the same scales. The random bits come from the caller's seeded generator,
/// 24 per element, so a run is bit-reproducible and a checkpoint (which saves the generator's state) resumes exactly.
/// </summary>
internal static class DropoutKernels
{
    // mask (length) = u ≥ p ? 1/(1 − p) : 0 with u uniform on the 2²⁴ grid of [0, 1); dropped (length) = a ⊙ mask
    public static void Forward(ref SeededRandom random, float rate, ReadOnlySpan<float> a, Span<float> mask, Span<float> dropped)
    {
        float keep = 1f / (1f - rate);
        uint threshold = (uint)Math.Ceiling(rate * (double)(1 << 24));   // keep when the 24-bit draw is ≥ p·2²⁴
        for (int i = 0; i < a.Length; i++)
        {
            float m = (uint)(random.NextUInt64() >> 40) >= threshold ? keep : 0f;
            mask[i] = m;
            dropped[i] = a[i] * m;
        }
    }

    // da (length) ⊙= mask: the gradient reaches only the kept activations, scaled as they were
    public static void Backward(ReadOnlySpan<float> mask, Span<float> da) =>
        System.Numerics.Tensors.TensorPrimitives.Multiply(da, mask, da);
}
