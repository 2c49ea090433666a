namespace FastNet.Onnx;

/// <summary>A network read from an ONNX file, with the input standardisation the file applied before the first layer (if any).</summary>
/// <param name="Network">The network, weights and biases as in the file.</param>
/// <param name="Standardization">The <c>Sub</c>/<c>Div</c> in front of the first layer, or null.</param>
/// <param name="Opset">The file's operator set version for the default ONNX domain (0 when it names none).</param>
public sealed record ImportedModel(Network Network, Standardization? Standardization, long Opset);
