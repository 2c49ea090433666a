namespace FastNet.Tests.Docs;

/// <summary>
/// The READMEs' C# cannot rot: every <c>```csharp</c> block of README.md and of each package's README (src/*/README.md)
/// is held by one of the programs under examples/, which CI builds and runs: each of the block's lines appears in that
/// program, in the block's order (the program may have more lines between them, such as its checks).
/// </summary>
public class ReadmeTests
{
    [Fact]
    public void EveryCSharpBlockOfTheReadmeIsInAnExample()
    {
        string root = RepositoryRoot();
        string[][] examples = Directory.GetFiles(Path.Combine(root, "examples"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"))
            .Select(f => Lines(File.ReadAllText(f)))
            .ToArray();
        string[] readmes = [Path.Combine(root, "README.md"), .. Directory.GetFiles(Path.Combine(root, "src"), "README.md", SearchOption.AllDirectories)];
        Assert.NotEmpty(CSharpBlocks(File.ReadAllText(readmes[0])));
        foreach (string readme in readmes)
        {
            List<string[]> blocks = CSharpBlocks(File.ReadAllText(readme));
            foreach (string[] block in blocks)
                Assert.True(examples.Any(e => Holds(e, block)), $"no example under examples/ holds this block of {readme}:\n" + string.Join('\n', block));
        }
    }

    // every line of the block, in order, among the program's lines
    private static bool Holds(string[] program, string[] block)
    {
        int next = 0;
        foreach (string line in program)
            if (next < block.Length && line == block[next]) next++;
        return next == block.Length;
    }

    private static List<string[]> CSharpBlocks(string markdown)
    {
        var blocks = new List<string[]>();
        string[] lines = markdown.Replace("\r\n", "\n").Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            if (lines[i].Trim() != "```csharp") continue;
            int end = Array.FindIndex(lines, i + 1, l => l.Trim() == "```");
            blocks.Add(Lines(string.Join('\n', lines[(i + 1)..end])));
            i = end;
        }
        return blocks;
    }

    // the lines that are not blank, without their indentation
    private static string[] Lines(string text) =>
        text.Replace("\r\n", "\n").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToArray();

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "FastNet.sln"))) return dir.FullName;
        throw new InvalidOperationException("FastNet.sln not found above " + AppContext.BaseDirectory);
    }
}
