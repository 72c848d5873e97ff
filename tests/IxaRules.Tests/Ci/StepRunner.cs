using System.Diagnostics;
using System.Text;
using YamlDotNet.RepresentationModel;

namespace IxaRules.Tests.Ci;

/// <summary>One step of a workflow job: a <c>run:</c> script or a <c>uses:</c> action, with its condition.</summary>
internal sealed record WorkflowStep(string Name, string? Run, string? Uses, string? If, IReadOnlyDictionary<string, string> With)
{
    public static WorkflowStep From(YamlMappingNode node)
    {
        string? Get(string key) => node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value.ToString() : null;
        var with = node.Children.TryGetValue(new YamlScalarNode("with"), out var w)
            ? ((YamlMappingNode)w).Children.ToDictionary(p => p.Key.ToString(), p => p.Value.ToString())
            : new Dictionary<string, string>();
        var run = Get("run");
        var uses = Get("uses");
        return new WorkflowStep(Get("name") ?? uses ?? run!.Split('\n')[0], run, uses, Get("if"), with);
    }
}

/// <summary>
/// Runs a job's steps in a directory as the GitHub runner does: each <c>run:</c> by
/// <c>bash --noprofile --norc -eo pipefail</c>, with the workflow's env, and with the folders a step
/// appended to <c>$GITHUB_PATH</c> on the PATH of the steps after it. A failing step fails the test
/// with its output.
/// </summary>
internal sealed class StepRunner(string workspace, IReadOnlyDictionary<string, string> env)
{
    private static readonly TimeSpan StepTimeout = TimeSpan.FromMinutes(10);

    private readonly string _githubPath = Path.Combine(workspace, ".github-path");

    public (List<string> Ran, string Output) RunJob(IReadOnlyList<WorkflowStep> steps, IReadOnlyDictionary<string, string> context)
    {
        var ran = new List<string>();
        var output = new StringBuilder();
        var condition = new WorkflowCondition(context);
        foreach (var step in steps)
        {
            if (step.If is { } test && !condition.Evaluate(test))
            {
                continue;
            }

            ran.Add(step.Name);
            if (step.Run is { } script)
            {
                output.Append(Run(step.Name, script));
            }
            else
            {
                StandIn(step);
            }
        }

        return (ran, output.ToString());
    }

    private void StandIn(WorkflowStep step)
    {
        var action = step.Uses!.Split('@')[0];
        switch (action)
        {
            case "actions/checkout":
                break; // the workspace is the copy
            case "actions/setup-dotnet":
                Assert.StartsWith(Environment.Version.Major + ".", step.With["dotnet-version"]);
                break;
            case "actions/upload-artifact":
                var upload = Path.Combine(workspace, step.With["path"]);
                Assert.True(File.Exists(upload) || Directory.Exists(upload), $"step `{step.Name}`: no {step.With["path"]} to upload");
                break;
            default:
                Assert.Fail($"step `{step.Name}` uses {action}, which this test does not stand in for");
                break;
        }
    }

    private string Run(string name, string script)
    {
        var start = new ProcessStartInfo("bash", ["--noprofile", "--norc", "-eo", "pipefail", "-c", script])
        {
            WorkingDirectory = workspace,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };

        // The test host's MSBuild and VSTest settings are for this test run, not for the step's own dotnet.
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase) || k.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(key);
        }

        foreach (var (key, value) in env)
        {
            start.Environment[key] = value;
        }

        start.Environment["GITHUB_PATH"] = _githubPath;
        start.Environment["GITHUB_WORKSPACE"] = workspace;
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        if (File.Exists(_githubPath))
        {
            var added = File.ReadAllLines(_githubPath).Where(l => l.Length > 0).Reverse();
            start.Environment["PATH"] = string.Join(Path.PathSeparator, added.Append(start.Environment["PATH"] ?? ""));
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(StepTimeout))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"step `{name}` did not finish in {StepTimeout.TotalMinutes} minutes");
        }

        var output = stdout.Result + stderr.Result;
        Assert.True(process.ExitCode == 0, $"step `{name}` exited {process.ExitCode}:\n{Tail(output)}");
        return output;
    }

    private static string Tail(string output) => output.Length > 4000 ? "…" + output[^4000..] : output;
}
