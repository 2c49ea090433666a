using FastNet.Serialization;
using FastNet.Tests.Support;
using FastNet.Training;

namespace FastNet.Tests.Model;

public class WorkspaceTests
{
    // A network loaded to predict holds its parameters and its forward pass for 256 rows, no trainer state: for
    // 784-256-10 that is 203,530 parameters (814 KB), 256×(256 + 3·10) floats of activations, the output's z and dz, and
    // the GEMM's packing scratch (1.79× the parameters' bytes on the AVX2 blocking) — under 2 floats per parameter,
    // where gradients, two optimizer moments, three fallback copies and the batch rows made it over 10.
    [Fact]
    public void ALoaded784_256_10ModelHoldsItsParametersAndItsForwardPassOnly()
    {
        using var folder = new TempFolder();
        Network built = new NetworkBuilder(784).Dense(256, Activation.Relu).Dense(10, Activation.Softmax).WithLoss(Loss.CrossEntropy).WithSeed(1).Build();
        ModelFile.Save(built, folder.File("mnist.json"));
        Network loaded = ModelFile.Load(folder.File("mnist.json"));

        Assert.Equal(203_530, loaded.ParameterCount);
        double ratio = (double)loaded.WorkspaceBytes / (loaded.ParameterCount * sizeof(float));
        Assert.True(ratio > 1.0 && ratio < 2.0, $"the workspace holds {loaded.WorkspaceBytes} bytes, {ratio:F3}× the parameters' bytes");
        Assert.Equal(built.WorkspaceBytes, loaded.WorkspaceBytes);
    }

    [Theory]
    [InlineData(OptimizerKind.Sgd, 0)]
    [InlineData(OptimizerKind.Momentum, 1)]
    [InlineData(OptimizerKind.Nesterov, 1)]
    [InlineData(OptimizerKind.Adam, 2)]
    [InlineData(OptimizerKind.Rprop, 2)]
    public void TheTrainerKeepsAsManyMomentVectorsAsItsRuleNeeds(OptimizerKind kind, int vectors)
    {
        Network network = new NetworkBuilder(2).Dense(4, Activation.Sigmoid).Dense(1, Activation.Sigmoid).WithSeed(1).Build();
        long before = network.WorkspaceBytes;
        var trainer = new Trainer(network, TestData.Moons(), new TrainingOptions { Epochs = 1, Optimizer = new OptimizerOptions { Kind = kind } });
        trainer.RunEpoch();
        Assert.Equal(vectors * network.ParameterCount, trainer.OptimizerState.Length);
        Assert.Equal(before, network.WorkspaceBytes);   // training state lives with the trainer, not the network
    }
}
