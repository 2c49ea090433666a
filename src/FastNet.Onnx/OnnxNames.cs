namespace FastNet.Onnx;

/// <summary>The names and numbers FastNet's ONNX files use, shared by the exporter, the importer and their tests.</summary>
public static class OnnxNames
{
    /// <summary>The operator set FastNet writes (the default ONNX domain).</summary>
    public const long Opset = 17;

    /// <summary>The IR version that goes with <see cref="Opset"/>.</summary>
    public const long IrVersion = 8;

    /// <summary>The graph input: float [batch, inputs].</summary>
    public const string Input = "input";

    /// <summary>The graph output: float [batch, outputs].</summary>
    public const string Output = "output";

    /// <summary>The symbolic batch dimension of the input and the output.</summary>
    public const string BatchDimension = "batch";

    /// <summary>The metadata key that carries FastNet's loss name, so an exported model imports with its loss.</summary>
    public const string LossMetadata = "fastnet.loss";

    /// <summary>The producer name written to the model.</summary>
    public const string Producer = "FastNet";
}
