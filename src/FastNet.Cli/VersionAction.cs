using System.CommandLine;
using System.CommandLine.Invocation;
using System.Reflection;

namespace FastNet.Cli;

/// <summary>
/// <c>fastnet --version</c>: prints this tool's informational version (not the host process's, which differs when the
/// command runs in-process, as in the tests).
/// </summary>
internal sealed class VersionAction : SynchronousCommandLineAction
{
    public static string Version =>
        typeof(VersionAction).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(VersionAction).Assembly.GetName().Version?.ToString(3) ?? "unknown";

    public override int Invoke(ParseResult parseResult)
    {
        parseResult.InvocationConfiguration.Output.WriteLine(Version);
        return FastNetCli.Ok;
    }
}
