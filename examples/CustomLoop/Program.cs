// Progress and cancellation, then a loop of your own: Train reports every epoch to an IProgress<EpochRecord> and stops
// at the end of the epoch in which its CancellationToken is cancelled; a Trainer runs one epoch per RunEpoch call,
// stops early, restores the best weights, and a TrainingHistory built by hand is saved as JSON; last, a TrainingStep
// trains with a loss of your own (mean absolute error) from its readable gradients. Exits 1 on a surprise.
using FastNet;
using FastNet.Data;
using FastNet.Training;

Dataset data = SyntheticData.Circles(samples: 400, noise: 0.1, factor: 0.5, seed: 3);
var options = new TrainingOptions
{
    Epochs = 500, BatchSize = 32, ValidationFraction = 0.25, Patience = 20, Seed = 3,
    Optimizer = new OptimizerOptions { Kind = OptimizerKind.Adam, LearningRate = 0.01f },
};

// 1. Train with progress; the progress callback cancels the run after 30 epochs.
using var cancel = new CancellationTokenSource();
var progress = new StopAfter(30, cancel);
TrainingHistory first = NewNetwork().Train(data, options, progress, cancel.Token);
Console.WriteLine($"cancelled: {first.Cancelled} after {first.Epochs.Count} epochs ({progress.Reports} reports)");

// 2. A loop of your own.
Network net = NewNetwork();
var trainer = new Trainer(net, data, options);
var history = new TrainingHistory();
while (trainer.Epoch < options.Epochs && !trainer.StoppedEarly)
{
    trainer.RunEpoch();
    history.Add(trainer.LastEpoch);
}
if (trainer.StoppedEarly) trainer.RestoreBestWeights();
history.BestEpoch = trainer.BestEpoch;
history.StoppedEarly = trainer.StoppedEarly;
using (var file = File.Create("history.json")) history.Save(file);

double best = history.Epochs[trainer.BestEpoch - 1].ValidationLoss!.Value;
double now = net.Evaluate(data.Split(0.25, seed: 3).Test).Loss;   // the trainer's validation split, same seed
Console.WriteLine($"stopped early: {trainer.StoppedEarly} at epoch {trainer.Epoch}, best epoch {trainer.BestEpoch}; " +
    $"validation loss {now:G6} (best recorded {best:G6})");
// 3. A loss of your own: TrainingStep in pieces (forward, your ∂L/∂output, backward, update).
(double before, double after) = MeanAbsoluteError(NewRegression());
Console.WriteLine($"mean absolute error {before:G3} before, {after:G3} after 300 steps of a custom loss");

bool ok = first.Cancelled && first.Epochs.Count == 30 && progress.Reports == 30
    && trainer.StoppedEarly && Math.Abs(now - best) <= 1e-6 * Math.Max(1, best) && after < before / 4;
return ok ? 0 : 1;

// L = mean |y − t| over a batch of 32 points of t = 2·x₀ − x₁; ∂L/∂y = sign(y − t) / 32
static (double Before, double After) MeanAbsoluteError(Network network)
{
    var random = new Random(5);
    float[] x = new float[32 * 2], targets = new float[32], outputGradient = new float[32];
    for (int i = 0; i < 32; i++)
    {
        x[2 * i] = (float)random.NextDouble();
        x[2 * i + 1] = (float)random.NextDouble();
        targets[i] = 2 * x[2 * i] - x[2 * i + 1];
    }
    double first = 0, last = 0;
    var step = new TrainingStep(network, maxBatch: 32, new OptimizerOptions { LearningRate = 0.05f });
    for (int iteration = 0; iteration < 300; iteration++)
    {
        ReadOnlySpan<float> y = step.Forward(x);   // batch×outputs
        double loss = 0;
        for (int i = 0; i < 32; i++)
        {
            loss += Math.Abs(y[i] - targets[i]) / 32;
            outputGradient[i] = MathF.Sign(y[i] - targets[i]) / 32f;
        }
        if (iteration == 0) first = loss;
        last = loss;
        step.Backward(outputGradient);             // your ∂L/∂output (batch×outputs); or step.Loss(t), step.Backward()
        ReadOnlySpan<float> dw = step.Gradients;    // ∂L/∂θ in the layout of network.Parameters
        if (dw.Length != network.ParameterCount) throw new InvalidOperationException("gradients in another layout");
        step.Update(0.05f);
    }
    return (first, last);
}

static Network NewRegression() => new NetworkBuilder(inputs: 2)
    .Dense(8, Activation.Tanh)
    .Dense(1, Activation.Identity)
    .WithLoss(Loss.Mse)
    .WithSeed(5)
    .Build();

static Network NewNetwork() => new NetworkBuilder(inputs: 2)
    .Dense(16, Activation.Tanh)
    .Dense(1, Activation.Sigmoid)
    .WithLoss(Loss.Bce)
    .WithSeed(3)
    .Build();

/// <summary>Reports on the training thread (unlike Progress&lt;T&gt;, which posts); cancels after a number of epochs.</summary>
sealed class StopAfter(int epochs, CancellationTokenSource cancel) : IProgress<EpochRecord>
{
    public int Reports { get; private set; }

    public void Report(EpochRecord value)
    {
        Reports++;
        if (value.Epoch == epochs) cancel.Cancel();
    }
}
