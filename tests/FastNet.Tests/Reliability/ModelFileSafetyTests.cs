using System.Buffers.Binary;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json;
using FastNet.Data;
using FastNet.Serialization;
using FastNet.Tests.Support;

namespace FastNet.Tests.Reliability;

/// <summary>Model files are never lost (atomic saves, even when the saving process is killed) and carry a checksum of their weights.</summary>
public class ModelFileSafetyTests
{
    [Fact]
    public void SavedFilesCarryTheSha256OfTheLittleEndianWeightBitsInLayerOrder()
    {
        using var folder = new TempFolder();
        Network network = new NetworkBuilder(3).Dense(4, Activation.Relu, bias: false).Dense(2, Activation.Sigmoid).WithSeed(5).Build();
        string path = folder.File("m.json");
        ModelFile.Save(network, path);

        // The oracle: W0 row by row (no bias), then W1, then b1, each float as 4 little-endian bytes.
        var bytes = new List<byte>();
        foreach (float[] part in new[] { network.Weights(0).ToArray(), network.Weights(1).ToArray(), network.Bias(1).ToArray() })
            foreach (float v in part)
            {
                var four = new byte[4];
                BinaryPrimitives.WriteSingleLittleEndian(four, v);
                bytes.AddRange(four);
            }
        string expected = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(bytes.ToArray()));
        using JsonDocument json = JsonDocument.Parse(File.ReadAllBytes(path));
        Assert.Equal(expected, json.RootElement.GetProperty("checksum").GetString());
    }

    [Fact]
    public void AWeightChangedAfterSavingIsDetectedOnLoad()
    {
        using var folder = new TempFolder();
        Network network = new NetworkBuilder(2).Dense(3, Activation.Tanh).Dense(1, Activation.Identity).WithSeed(1).Build();
        network.Weights(1)[2] = 0.25f;
        string path = folder.File("m.json");
        ModelFile.Save(network, path);
        string text = File.ReadAllText(path);
        Assert.Contains("0.25", text);
        File.WriteAllText(path, text.Replace("0.25", "0.26"));

        var e = Assert.Throws<FastNetFormatException>(() => ModelFile.Load(path));
        Assert.Equal($"{path}: does not match the weights (the file is damaged or was edited; remove \"checksum\" to accept a hand edit) at $.checksum", e.Message);
    }

    [Fact]
    public void FilesWithoutAChecksumLoadWithTheCheckSkipped()
    {
        using var folder = new TempFolder();
        Network network = new NetworkBuilder(2).Dense(2, Activation.Sigmoid).WithSeed(4).Build();
        string path = folder.File("m.json");
        ModelFile.Save(network, path);
        using (JsonDocument json = JsonDocument.Parse(File.ReadAllBytes(path)))
        {
            string checksum = json.RootElement.GetProperty("checksum").GetString()!;
            File.WriteAllText(path, File.ReadAllText(path).Replace($"\"checksum\": \"{checksum}\",", ""));
        }
        Assert.DoesNotContain("checksum", File.ReadAllText(path));
        Assert.Equal(network.Parameters.ToArray(), ModelFile.Load(path).Parameters.ToArray());
    }

    [Theory]
    [InlineData("\"md5:00\"", "is \"md5:00\", not \"sha256:\" and 64 hex digits")]
    [InlineData("\"sha256:xyz\"", "is \"sha256:xyz\", not \"sha256:\" and 64 hex digits")]
    [InlineData("42", "expected a string, found the number 42")]
    public void AMalformedChecksumIsRefused(string value, string problem)
    {
        using var folder = new TempFolder();
        string path = folder.Write("m.json", $$"""
            {"format": "fastnet-model", "version": 1, "inputs": 1, "checksum": {{value}},
             "layers": [{"units": 1, "activation": "identity", "weights": [[1]], "bias": null}]}
            """);
        var e = Assert.Throws<FastNetFormatException>(() => ModelFile.Load(path));
        Assert.Equal($"{path}: {problem} at $.checksum", e.Message);
    }

    /// <summary>
    /// A child fastnet process overwrites a 1M-weight model file; it is killed as soon as its temporary file appears,
    /// that is in the middle of the save. The model file must be the previous one, byte for byte, and still load.
    /// </summary>
    [Fact]
    public void KillingTheSavingProcessNeverDamagesThePreviousFile()
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS()) return;
        using var folder = new TempFolder();
        const int inputs = 500;
        Network big = new NetworkBuilder(inputs).Dense(2000, Activation.Tanh).Dense(1, Activation.Sigmoid).WithSeed(9).WithMaxBatch(2).Build();
        string model = folder.File("model.json");
        ModelFile.Save(big, model);
        new Dataset(TestData.Uniform(2 * inputs, 3), inputs, labels: [0, 1]).Save(folder.File("data.json"));

        int killedMidSave = 0;
        for (int round = 0; round < 4 && killedMidSave < 2; round++)
        {
            byte[] before = File.ReadAllBytes(model);
            foreach (string stale in Directory.GetFiles(folder.Path, ".model.json.*.tmp")) File.Delete(stale);
            using Process child = CliProcess.Start("train", "--data", folder.File("data.json"), "--init", model,
                "--epochs", "1", "--lr", "0.001", "--out", model);
            while (!child.HasExited && Directory.GetFiles(folder.Path, ".model.json.*.tmp").Length == 0) Thread.Sleep(1);
            if (!child.HasExited) child.Kill();
            child.WaitForExit();
            bool tempLeft = Directory.GetFiles(folder.Path, ".model.json.*.tmp").Length > 0;
            byte[] after = File.ReadAllBytes(model);
            if (tempLeft && child.ExitCode != 0)
            {
                // Killed between creating the temporary file and renaming it: the old model must be untouched.
                killedMidSave++;
                Assert.Equal(before, after);
            }
            // Whatever happened, the file is a whole model whose weights match its checksum.
            Network loaded = ModelFile.Load(model, maxBatch: 2);
            Assert.Equal(big.ParameterCount, loaded.ParameterCount);
        }
        Assert.True(killedMidSave >= 1, "no round killed the child in the middle of a save");
    }
}
