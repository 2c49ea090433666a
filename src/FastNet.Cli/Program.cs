namespace FastNet.Cli;

internal static class Program
{
    public static int Main(string[] args) => FastNetCli.Run(args, Console.Out, Console.Error);
}
