using System.Reflection;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace FastNet.Tests;

/// <summary>
/// Runs this test assembly in-process, without the VSTest host: for machines where <c>dotnet test</c> cannot start a
/// test host, above all a linux-arm64 build run under qemu-aarch64 from an x64 machine (CI does this, so the AdvSimd
/// code paths are tested with real ARM64 code generation). <c>dotnet test</c> never calls this entry point.
/// <para>
/// Usage: <c>FastNet.Tests [PREFIX ...] [-PREFIX ...]</c> runs every test whose full name (namespace, class, method)
/// starts with one of the prefixes (all tests without any) and with none of the prefixes marked by a minus, prints each
/// failure and skip with its reason, and ends with the line <c>N passed, N failed, N skipped</c>. Exit code 0 when nothing failed and at least one test ran.
/// </para>
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        Assembly assembly = typeof(Program).Assembly;
        using var diagnostics = new RunnerSink(Console.Error);
        using var framework = new XunitTestFramework(diagnostics);
        using ITestFrameworkDiscoverer discoverer = framework.GetDiscoverer(Reflector.Wrap(assembly));
        using var discovery = new RunnerSink(Console.Error);
        discoverer.Find(includeSourceInformation: false, discovery, new RunnerOptions());
        discovery.Finished.WaitOne();

        string[] include = Array.FindAll(args, a => !a.StartsWith('-')), exclude = Array.ConvertAll(Array.FindAll(args, a => a.StartsWith('-')), a => a[1..]);
        List<ITestCase> selected = discovery.TestCases.FindAll(test =>
            (include.Length == 0 || Array.Exists(include, prefix => FullName(test).StartsWith(prefix, StringComparison.Ordinal)))
            && !Array.Exists(exclude, prefix => FullName(test).StartsWith(prefix, StringComparison.Ordinal)));
        Console.WriteLine($"{RuntimeDescription()}: running {selected.Count} of {discovery.TestCases.Count} tests");

        using ITestFrameworkExecutor executor = framework.GetExecutor(assembly.GetName());
        using var execution = new RunnerSink(Console.Out);
        var options = new RunnerOptions();
        options.SetValue("xunit.execution.DisableParallelization", true);   // one test at a time: qemu-user is fragile with many threads
        executor.RunTests(selected, execution, options);
        execution.Finished.WaitOne();

        Console.WriteLine($"{execution.Passed} passed, {execution.Failed} failed, {execution.Skipped} skipped");
        return execution.Failed == 0 && execution.Passed > 0 ? 0 : 1;
    }

    private static string FullName(ITestCase test) => $"{test.TestMethod.TestClass.Class.Name}.{test.TestMethod.Method.Name}";

    private static string RuntimeDescription() =>
        $"{System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture}, " +
        $"Vector128 {System.Runtime.Intrinsics.Vector128.IsHardwareAccelerated}, " +
        $"Vector256 {System.Runtime.Intrinsics.Vector256.IsHardwareAccelerated}, " +
        $"Vector512 {System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated}";

    // Collects discovered test cases, counts results and prints failures and skips; Finished is set at the end of
    // discovery or of the run.
    private sealed class RunnerSink(TextWriter output) : LongLivedMarshalByRefObject, IMessageSink, IDisposable
    {
        public List<ITestCase> TestCases { get; } = [];   // discovery reports on one thread
        public ManualResetEvent Finished { get; } = new(false);
        public int Passed, Failed, Skipped;

        public bool OnMessage(IMessageSinkMessage message)
        {
            switch (message)
            {
                case ITestCaseDiscoveryMessage found: TestCases.Add(found.TestCase); break;
                case IDiscoveryCompleteMessage: Finished.Set(); break;
                case ITestPassed: Interlocked.Increment(ref Passed); break;
                case ITestFailed failed:
                    Interlocked.Increment(ref Failed);
                    lock (output) output.WriteLine($"FAILED {failed.Test.DisplayName}: {string.Join(" | ", failed.Messages)}\n{string.Join("\n", failed.StackTraces)}");
                    break;
                case ITestSkipped skipped:
                    Interlocked.Increment(ref Skipped);
                    lock (output) output.WriteLine($"skipped {skipped.Test.DisplayName}: {skipped.Reason}");
                    break;
                case IErrorMessage error:
                    Interlocked.Increment(ref Failed);
                    lock (output) output.WriteLine($"ERROR {string.Join(" | ", error.Messages)}");
                    break;
                case ITestAssemblyFinished: Finished.Set(); break;
            }
            return true;
        }

        public void Dispose() => Finished.Dispose();
    }

    // Every option at its default (xunit reads missing values as defaults).
    private sealed class RunnerOptions : ITestFrameworkDiscoveryOptions, ITestFrameworkExecutionOptions
    {
        private readonly Dictionary<string, object?> _values = [];
        public TValue GetValue<TValue>(string name) => _values.TryGetValue(name, out object? v) && v is TValue t ? t : default!;
        public void SetValue<TValue>(string name, TValue value) => _values[name] = value;
    }
}
