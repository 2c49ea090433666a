namespace FastNet;

/// <summary>The description of one dense layer: z = x·W + b, a = f(z).</summary>
/// <param name="Units">The number of outputs of the layer (columns of W).</param>
/// <param name="Activation">The function applied to the pre-activation.</param>
/// <param name="Bias">Whether the layer adds a bias vector b.</param>
public readonly record struct LayerSpec(int Units, Activation Activation, bool Bias = true);
