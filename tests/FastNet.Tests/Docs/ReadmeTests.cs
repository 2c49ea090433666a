namespace FastNet.Tests.Docs;

/// <summary>
/// The README's C# cannot rot: every <c>```csharp</c> block of README.md appears, line for line, in one of the programs
/// under examples/, which CI builds and runs.
/// </summary>
public class ReadmeTests
{
    [Fact]
    public void EveryCSharpBlockOfTheReadmeIsInAnExample()
    {
        string root = RepositoryRoot();
        string[] examples = Directory.GetFiles(Path.Combine(root, "examples"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"))
            .Select(f => Normalize(File.ReadAllText(f)))
            .ToArray();
        List<string> blocks = CSharpBlocks(File.ReadAllText(Path.Combine(root, "README.md")));
        Assert.NotEmpty(blocks);
        foreach (string block in blocks)
            Assert.True(examples.Any(e => e.Contains(block, StringComparison.Ordinal)), "no example under examples/ holds this README block:\n" + block);
    }

    private static List<string> CSharpBlocks(string markdown)
    {
        var blocks = new List<string>();
        string[] lines = markdown.Replace("\r\n", "\n").Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            if (lines[i].Trim() != "```csharp") continue;
            int end = Array.FindIndex(lines, i + 1, l => l.Trim() == "```");
            blocks.Add(Normalize(string.Join('\n', lines[(i + 1)..end])));
            i = end;
        }
        return blocks;
    }

    private static string Normalize(string text) =>
        string.Join('\n', text.Replace("\r\n", "\n").Split('\n').Select(l => l.TrimEnd())).Trim('\n');

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "FastNet.sln"))) return dir.FullName;
        throw new InvalidOperationException("FastNet.sln not found above " + AppContext.BaseDirectory);
    }
}
