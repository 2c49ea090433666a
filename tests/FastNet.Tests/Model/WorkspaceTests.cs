using FastNet.Kernels;
using FastNet.Serialization;
using FastNet.Tests.Support;
using FastNet.Training;

namespace FastNet.Tests.Model;

public class WorkspaceTests
{
    // A network loaded to predict holds its parameters and its forward pass for 256 rows, no trainer state: for
    // 784-256-10 that is 203,530 parameters (814 KB), 256×(256 + 3·10) floats of activations (the hidden a; the output's
    // a, z and dz) and the GEMM's packing scratch, whose size follows the blocking this machine's caches and vector
    // width give (1.79× the parameters' bytes in all on AVX2 Zen 3; 2.14× with 128-bit vectors, whose KC is deeper).
    // Before the trainer state moved out, gradients, two optimizer moments, three fallback copies and the batch rows
    // made it 11.2×.
    [Fact]
    public void ALoaded784_256_10ModelHoldsItsParametersAndItsForwardPassOnly()
    {
        using var folder = new TempFolder();
        Network built = new NetworkBuilder(784).Dense(256, Activation.Relu).Dense(10, Activation.Softmax).WithLoss(Loss.CrossEntropy).WithSeed(1).Build();
        ModelFile.Save(built, folder.File("mnist.json"));
        Network loaded = ModelFile.Load(folder.File("mnist.json"));

        Assert.Equal(203_530, loaded.ParameterCount);
        long parameters = loaded.ParameterCount, activations = 256L * (256 + 3 * 10);
        long scratch = Math.Max(Sgemm.ScratchLength(256, 784, 256), Sgemm.ScratchLength(256, 256, 10));
        long expected = (parameters + activations + scratch) * sizeof(float);
        // each slice starts on a 64-byte line: at most 64 bytes of padding per slice, far fewer than 32 slices
        Assert.InRange(loaded.WorkspaceBytes, expected, expected + 32 * 64);
        double withoutScratch = (double)(loaded.WorkspaceBytes - scratch * sizeof(float)) / (parameters * sizeof(float));
        Assert.True(withoutScratch < 1.4, $"parameters and forward buffers take {withoutScratch:F3}× the parameters' bytes");
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
