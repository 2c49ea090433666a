namespace FastNet;

/// <summary>The description of one dense layer: z = x·W + b, a = f(z).</summary>
/// <param name="Units">The number of outputs of the layer (columns of W).</param>
/// <param name="Activation">The function applied to the pre-activation.</param>
/// <param name="Bias">Whether the layer adds a bias vector b.</param>
/// <param name="Dropout">
/// The fraction p ∈ [0, 1) of the layer's outputs zeroed at random in each training step, the rest scaled by 1/(1 − p)
/// (inverted dropout), so nothing changes at inference; 0 (the default) for none. Hidden layers only.
/// </param>
public readonly record struct LayerSpec(int Units, Activation Activation, bool Bias = true, float Dropout = 0f);
