namespace FastNet.Onnx;

/// <summary>A network read from an ONNX file.</summary>
/// <param name="Network">The network, weights and biases as in the file, and its <see cref="Network.Standardization"/>
/// when the file applies a <c>Sub</c>/<c>Div</c> in front of the first layer.</param>
/// <param name="Opset">The file's operator set version for the default ONNX domain (0 when it names none).</param>
public sealed record ImportedModel(Network Network, long Opset);
