using FastNet.Onnx;
using FastNet.Tests.Support;
using Microsoft.ML.OnnxRuntime;

namespace FastNet.Tests.Onnx;

/// <summary>Exported networks run in ONNX Runtime and give FastNet's outputs within 1e-5.</summary>
public class OnnxExportTests
{
    public static TheoryData<string, int, bool> Networks => new()
    {
        // layers, inputs, standardised
        { "4:sigmoid,1:sigmoid", 2, false },
        { "8:tanh,8:relu,3:identity", 5, false },
        { "16:relu,4:softmax", 3, true },
        { "7:identity,2:tanh", 1, true },
        { "6:relu:nobias,5:sigmoid,2:sigmoid:nobias", 4, false },
        { "3:tanh,3:softmax", 7, false },
    };

    [Theory]
    [MemberData(nameof(Networks))]
    public void OnnxRuntimeMatchesFastNet(string layers, int inputs, bool standardized)
    {
        using var folder = new TempFolder();
        Network network = OnnxTestNetworks.Random(inputs, layers, seed: (ulong)layers.Length * 31 + (ulong)inputs);
        if (standardized) network.Standardization = OnnxTestNetworks.RandomStandardization(inputs, seed: 5);
        string path = folder.File("model.onnx");
        OnnxExport.Save(network, path);

        using var session = new InferenceSession(path);
        Assert.Equal(OnnxNames.Input, Assert.Single(session.InputMetadata).Key);
        Assert.Equal(-1, session.InputMetadata[OnnxNames.Input].Dimensions[0]);
        Assert.Equal(OnnxNames.BatchDimension, session.InputMetadata[OnnxNames.Input].SymbolicDimensions[0]);
        Assert.Equal(inputs, session.InputMetadata[OnnxNames.Input].Dimensions[1]);
        foreach (int batch in new[] { 1, 7, 300 })
        {
            float[] x = TestData.Uniform(batch * inputs, seed: batch + inputs);
            for (int i = 0; i < x.Length; i++) x[i] *= 3;
            float[] expected = network.Predict(x); // FastNet applies its standardisation itself
            float[] actual = OnnxTestNetworks.RunOnnx(session, x, batch, inputs);
            Assert.Equal(expected.Length, actual.Length);
            double worst = 0;
            for (int i = 0; i < expected.Length; i++)
                worst = Math.Max(worst, Math.Abs(expected[i] - actual[i]) / Math.Max(1, Math.Abs(expected[i])));
            Assert.True(worst <= 1e-5, $"largest difference {worst:G3} for batch {batch}");
        }
    }

    [Fact]
    public void ModelDeclaresOpset17AndRecordsTheLoss()
    {
        Network network = OnnxTestNetworks.Random(2, "3:tanh,2:softmax", seed: 1);
        var model = OnnxExport.ToModel(network);
        Assert.Equal(OnnxNames.Opset, Assert.Single(model.OpsetImport).Version);
        Assert.Equal("ce", Assert.Single(model.MetadataProps, p => p.Key == OnnxNames.LossMetadata).Value);
        Assert.Equal(["MatMul", "Add", "Tanh", "MatMul", "Add", "Softmax"], model.Graph.Node.Select(n => n.OpType));
        Assert.Equal(-1, model.Graph.Node[^1].Attribute.Single(a => a.Name == "axis").I);
    }
}
