using FastNet.Data;
using FastNet.Serialization;
using FastNet.Tests.Support;

namespace FastNet.Tests.Reliability;

/// <summary>Inputs that are not regular files (devices, FIFOs) are refused before they are opened, naming the file.</summary>
public class InputFileTests
{
    [Theory]
    [InlineData("/dev/zero")]
    [InlineData("/dev/null")]
    public void ADeviceIsRefusedNamingIt(string device)
    {
        var e = Assert.Throws<FastNetFormatException>(() => Dataset.Load(device));
        Assert.Equal(device, e.File);
        Assert.Contains("not a regular file", e.Message);
        var (exit, _, error) = CliRunner.Run("eval", "--model", device, "--data", TestData.MoonsPath);
        Assert.Equal(1, exit);
        Assert.Contains(device + ": ", error);
    }

    [Fact]
    public async Task AFifoWithoutAWriterIsRefusedInsteadOfWaitedFor()
    {
        using var folder = new TempFolder();
        string fifo = FileKinds.MakeFifo(folder.File("data.csv"));
        // a hang guard only (no timing is asserted): a reader that opened the FIFO would wait for a writer forever
        var load = Task.Run(() => Assert.Throws<FastNetFormatException>(() => Dataset.Load(fifo)));
        if (await Task.WhenAny(load, Task.Delay(TimeSpan.FromSeconds(30))) != load)
        {
            using (File.OpenWrite(fifo)) { }   // release the blocked reader so the test run can end
            Assert.Fail("Dataset.Load opened a FIFO and waited for a writer");
        }
        Assert.Contains("not a regular file", (await load).Message);
        Assert.Throws<FastNetFormatException>(() => ModelFile.Load(fifo));
    }
}
