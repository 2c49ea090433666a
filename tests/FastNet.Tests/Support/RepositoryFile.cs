namespace FastNet.Tests.Support;

/// <summary>Finds files of the repository (data/moons.json, ...) from the test binaries' folder.</summary>
internal static class RepositoryFile
{
    public static string Path(string relative)
    {
        for (DirectoryInfo? folder = new(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(folder.FullName, "FastNet.sln")))
                return System.IO.Path.Combine(folder.FullName, relative);
        }
        throw new FileNotFoundException($"no FastNet.sln above {AppContext.BaseDirectory}");
    }
}
