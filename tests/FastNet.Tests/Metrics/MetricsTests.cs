using System.Text.Json;
using FastNet.Data;
using FastNet.Serialization;
using FastNet.Tests.Support;

namespace FastNet.Tests.Metrics;

/// <summary>
/// The metrics of <see cref="Network.Evaluate"/> and <c>fastnet eval</c> against scikit-learn 1.2.1 on fixed numbers.
/// The expected values were printed once by this script (python3-sklearn 1.2.1, Debian bookworm):
/// <code>
/// import numpy as np
/// from sklearn import metrics
/// y_true = [0, 1, 2, 2, 1, 0, 2, 1, 1, 0, 2, 2]
/// y_pred = [0, 2, 2, 2, 1, 0, 1, 1, 0, 0, 2, 0]
/// p, r, f, s = metrics.precision_recall_fscore_support(y_true, y_pred, zero_division=0)
/// print(p.tolist(), r.tolist(), f.tolist())          # [0.6, 0.6666666666666666, 0.75] [1.0, 0.5, 0.6] [0.7499999999999999, 0.5714285714285715, 0.6666666666666665]
/// print(metrics.precision_score(y_true, y_pred, average="macro"), metrics.recall_score(y_true, y_pred, average="macro"),
///       metrics.f1_score(y_true, y_pred, average="macro"))   # 0.6722222222222222 0.7000000000000001 0.6626984126984127
/// print(metrics.accuracy_score(y_true, y_pred))     # 0.6666666666666666
/// proba = np.array([[0.7, 0.2, 0.1], [0.1, 0.3, 0.6], [0.2, 0.2, 0.6], [0.05, 0.15, 0.8]], dtype=np.float32)
/// print(metrics.log_loss([0, 1, 2, 1], proba))      # 0.9921483136842879
/// yb = np.array([0.9, 0.2, 0.6, 0.4, 1.0], dtype=np.float32)
/// print(metrics.log_loss([1, 0, 0, 1, 1], yb))      # 0.4322171412445842
/// t = np.array([[3.0, -0.5], [-0.5, 1.0], [2.0, 2.0], [7.0, 8.0]])
/// y = np.array([[2.5, 0.0], [0.0, 2.0], [2.0, 2.0], [8.0, 5.0]])
/// print(metrics.mean_squared_error(t, y), metrics.mean_squared_error(t, y, squared=False),
///       metrics.mean_absolute_error(t, y), metrics.r2_score(t, y))   # 1.46875 1.1065767475270034 0.8125 0.8513655377878513
/// tc = np.array([[1.0], [1.0], [1.0]]); print(metrics.r2_score(tc, tc), metrics.r2_score(tc, tc + [[0.0], [0.5], [0.0]]))  # 1.0 0.0
/// </code>
/// </summary>
public class MetricsTests
{
    private static readonly int[] Actual = [0, 1, 2, 2, 1, 0, 2, 1, 1, 0, 2, 2];
    private static readonly int[] Predicted = [0, 2, 2, 2, 1, 0, 1, 1, 0, 0, 2, 0];

    private static ConfusionMatrix Confusion(int classes)
    {
        var c = new ConfusionMatrix(classes);
        for (int i = 0; i < Actual.Length; i++) c.Add(Actual[i], Predicted[i]);
        return c;
    }

    [Fact]
    public void PerClassAndMacroMetricsMatchScikitLearn()
    {
        ConfusionMatrix c = Confusion(3);
        double[] precision = [0.6, 0.6666666666666666, 0.75], recall = [1.0, 0.5, 0.6], f1 = [0.7499999999999999, 0.5714285714285715, 0.6666666666666665];
        for (int k = 0; k < 3; k++)
        {
            Assert.Equal(precision[k], c.Precision(k), 1e-15);
            Assert.Equal(recall[k], c.Recall(k), 1e-15);
            Assert.Equal(f1[k], c.F1(k), 1e-15);
        }
        Assert.Equal([3, 4, 5], new[] { c.Support(0), c.Support(1), c.Support(2) });
        Assert.Equal(0.6722222222222222, c.MacroPrecision, 1e-15);
        Assert.Equal(0.7000000000000001, c.MacroRecall, 1e-15);
        Assert.Equal(0.6626984126984127, c.MacroF1, 1e-15);
        Assert.Equal(0.6666666666666666, c.Accuracy, 1e-15);
    }

    [Fact]
    public void AClassSeenNeitherAsActualNorPredictedIsLeftOutOfTheMacroMeans()
    {
        ConfusionMatrix c = Confusion(4);   // class 3 never occurs: scikit-learn's labels are those of y_true ∪ y_pred
        Assert.Equal(0, c.Precision(3));
        Assert.Equal(0, c.Recall(3));
        Assert.Equal(0.6722222222222222, c.MacroPrecision, 1e-15);
        Assert.Equal(0.6626984126984127, c.MacroF1, 1e-15);
    }

    [Fact]
    public void LogLossMatchesScikitLearnForSoftmaxRowsAndOneSigmoidOutput()
    {
        // scikit-learn computes in float32 for float32 probabilities (about 1e-7 relative); FastNet in double
        float[] proba = [0.7f, 0.2f, 0.1f, 0.1f, 0.3f, 0.6f, 0.2f, 0.2f, 0.6f, 0.05f, 0.15f, 0.8f];
        Assert.Equal(0.9921483136842879, LogLoss.Compute(proba, [0, 1, 2, 1], 3), 5e-7);
        float[] p1 = [0.9f, 0.2f, 0.6f, 0.4f, 1.0f];
        var rows = new float[2 * p1.Length];
        for (int i = 0; i < p1.Length; i++) (rows[2 * i], rows[2 * i + 1]) = (1 - p1[i], p1[i]);
        Assert.Equal(0.4322171412445842, LogLoss.Compute(rows, [1, 0, 0, 1, 1], 2), 5e-7);
    }

    [Fact]
    public void RegressionMetricsMatchScikitLearnWithUniformAveragingOverOutputs()
    {
        float[] t = [3.0f, -0.5f, -0.5f, 1.0f, 2.0f, 2.0f, 7.0f, 8.0f];
        float[] y = [2.5f, 0.0f, 0.0f, 2.0f, 2.0f, 2.0f, 8.0f, 5.0f];
        RegressionMetrics m = RegressionMetrics.Compute(y, t, outputs: 2);
        Assert.Equal(1.46875, m.MeanSquaredError, 1e-15);
        Assert.Equal(1.1065767475270034, m.RootMeanSquaredError, 1e-15);
        Assert.Equal(0.8125, m.MeanAbsoluteError, 1e-15);
        Assert.Equal(0.8513655377878513, m.R2, 1e-15);
        Assert.Equal(1.0, RegressionMetrics.Compute([1f, 1f, 1f], [1f, 1f, 1f], 1).R2);
        Assert.Equal(0.0, RegressionMetrics.Compute([1f, 1.5f, 1f], [1f, 1f, 1f], 1).R2);
    }

    /// <summary>A 2-2 softmax network with fixed weights: Evaluate's metrics are those of its own predictions.</summary>
    [Fact]
    public void EvaluateReportsTheMetricsOfTheNetworksPredictions()
    {
        Network net = new NetworkBuilder(inputs: 2).Dense(2, Activation.Softmax).WithLoss(Loss.CrossEntropy).WithMaxBatch(3).Build();
        float[] w = [1.5f, -0.5f, -1f, 2f, 0.1f, -0.1f];
        w.CopyTo(net.Parameters);
        var data = new Dataset([1f, 0f, 0f, 1f, 0.2f, 0.3f, -1f, 0.5f, 0.9f, -0.2f], 2, labels: [0, 1, 0, 1, 1]);
        Evaluation e = net.Evaluate(data);
        var classes = new int[5];
        net.PredictClasses(data.Features, classes);
        var probabilities = new float[10];
        net.PredictProbabilities(data.Features, probabilities);
        ConfusionMatrix expected = new(2);
        for (int i = 0; i < 5; i++) expected.Add(data.Labels[i], classes[i]);
        Assert.Equal(expected.MacroF1, e.Confusion!.MacroF1);
        Assert.Equal(expected.Recall(1), e.Confusion.Recall(1));
        Assert.Equal(LogLoss.Compute(probabilities, data.Labels, 2), e.LogLoss!.Value);
        Assert.Equal(e.Loss, e.LogLoss.Value, 1e-6);   // ce is the log-loss (away from the clip)
        Assert.Null(e.Regression);
    }

    [Fact]
    public void EvaluateOnTargetsReportsRegressionMetrics()
    {
        Network net = new NetworkBuilder(inputs: 1).Dense(1, Activation.Identity).WithLoss(Loss.Mse).WithMaxBatch(4).Build();
        net.Weights(0)[0] = 2f;
        net.Bias(0)[0] = 0.5f;
        var data = new Dataset([0f, 1f, 2f, 3f], 1, targets: [0f, 3f, 4f, 6f], targetWidth: 1);
        Evaluation e = net.Evaluate(data);
        RegressionMetrics m = e.Regression!;
        Assert.Equal(RegressionMetrics.Compute([0.5f, 2.5f, 4.5f, 6.5f], [0f, 3f, 4f, 6f], 1), m);
        Assert.Equal(e.Loss, m.MeanSquaredError, 1e-6);   // mse is the mean squared error
        Assert.Null(e.Confusion);
        Assert.Null(e.LogLoss);
    }

    [Fact]
    public void EvalJsonCarriesEveryMetric()
    {
        using var folder = new TempFolder();
        string model = folder.File("model.json"), data = folder.File("moons.json");
        Assert.Equal(0, CliRunner.Run("data", "moons", "--samples", "60", "--seed", "4", "--out", data).Exit);
        Assert.Equal(0, CliRunner.Run("train", "--data", data, "--layers", "4:tanh,1:sigmoid", "--loss", "bce", "--lr", "1",
            "--epochs", "200", "--out", model, "--quiet").Exit);
        var (exit, output, error) = CliRunner.Run("eval", "--model", model, "--data", data, "--json");
        Assert.True(exit == 0, error);
        using JsonDocument json = JsonDocument.Parse(output);
        JsonElement root = json.RootElement;
        Network net = ModelFile.Load(model);
        Evaluation e = net.Evaluate(Dataset.Load(data));
        Assert.Equal(e.LogLoss!.Value, root.GetProperty("logLoss").GetDouble(), 1e-12);
        JsonElement classes = root.GetProperty("classes");
        Assert.Equal(2, classes.GetArrayLength());
        for (int k = 0; k < 2; k++)
        {
            Assert.Equal(e.Confusion!.Precision(k), classes[k].GetProperty("precision").GetDouble(), 1e-12);
            Assert.Equal(e.Confusion.Recall(k), classes[k].GetProperty("recall").GetDouble(), 1e-12);
            Assert.Equal(e.Confusion.F1(k), classes[k].GetProperty("f1").GetDouble(), 1e-12);
            Assert.Equal(e.Confusion.Support(k), classes[k].GetProperty("support").GetInt32());
        }
        Assert.Equal(e.Confusion!.MacroF1, root.GetProperty("macro").GetProperty("f1").GetDouble(), 1e-12);
        Assert.Equal(JsonValueKind.Null, root.GetProperty("regression").ValueKind);

        (exit, output, _) = CliRunner.Run("eval", "--model", model, "--data", data);
        Assert.Equal(0, exit);
        Assert.Contains("log-loss ", output);
        Assert.Contains("   macro", output);
    }
}
