using System.Diagnostics;

namespace IxaRules.Tests.Ci;

/// <summary>
/// The amendment-diff workflow (examples/ci/amendment-diff.yml) works as copied: in a temporary git
/// repository whose pull request changes the thrombocytopenia threshold of rules/ird.ixr, its steps
/// write the markdown comment and the counterexample files. Two steps are stood in for: installing
/// the tool (the protocol-checks test packs and installs it; here the built CLI is put on the PATH)
/// and posting (it needs GitHub: its script is checked to post the file the diff step wrote).
/// </summary>
public sealed class AmendmentDiffWorkflowTests : TempFolderTest
{
    private static readonly string WorkflowPath = Path.Combine(TestPaths.Root, "examples", "ci", "amendment-diff.yml");

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void The_workflow_comments_with_the_diff_of_each_changed_rule_file()
    {
        var (env, steps) = CiExampleTests.LoadWorkflow(WorkflowPath);
        var fixtures = Path.Combine(TestPaths.Root, "tests", "IxaRules.Tests", "Diff", "Amendments", "threshold");
        Write("rules/ird.ixr", File.ReadAllText(Path.Combine(fixtures, "old.ixr")));
        Write("rules/unchanged.ixr", File.ReadAllText(Path.Combine(fixtures, "old.ixr")).Replace("regimen IRd", "regimen IRd2", StringComparison.Ordinal));
        Git("init", "-q", "-b", "main");
        Git("add", "-A");
        Git("-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-q", "-m", "base");
        Git("update-ref", "refs/remotes/origin/main", "HEAD");
        Write("rules/ird.ixr", File.ReadAllText(Path.Combine(fixtures, "new.ixr")));
        Git("-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-q", "-am", "amendment");

        // The built CLI stands in for the installed tool.
        var cli = typeof(IxaRules.Cli.Program).Assembly.Location;
        var tool = Write("tool/ixarules", $"#!/bin/sh\nexec dotnet \"{cli}\" \"$@\"\n");
        File.SetUnixFileMode(tool, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        Write(".github-path", Path.GetDirectoryName(tool) + "\n");

        var post = Assert.Single(steps, s => s.Name.StartsWith("Post", StringComparison.Ordinal));
        Assert.Contains("gh pr comment \"$PR\" --body-file amendment/diff.md", post.Run, StringComparison.Ordinal);
        var run = steps.Where(s => !s.Name.StartsWith("Install ixarules", StringComparison.Ordinal) && s != post).ToList();
        var runner = new StepRunner(Dir, new Dictionary<string, string>(env) { ["GITHUB_BASE_REF"] = "main" });
        var job = runner.RunJob(run, new Dictionary<string, string> { ["github.event_name"] = "pull_request" });

        Assert.Contains("Diff each changed rule file against the base branch", job.Ran);
        var comment = File.ReadAllText(Path.Combine(Dir, "amendment", "diff.md"));
        Assert.StartsWith("### ixarules diff `amendment/base/ird.ixr` → `rules/ird.ixr`", comment, StringComparison.Ordinal);
        Assert.Contains("~ rule thrombocytopenia: when platelets < 30 ×10⁹/L → platelets < 25 ×10⁹/L", comment, StringComparison.Ordinal);
        Assert.Contains("platelets in [25, 30) ×10⁹/L", comment, StringComparison.Ordinal);
        Assert.DoesNotContain("unchanged.ixr", comment, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(Dir, "amendment", "counterexamples", "ird", "IRd.patient.yaml")));
        Assert.Contains("day 2: platelets 25 x10^9/L", File.ReadAllText(Path.Combine(Dir, "amendment", "counterexamples", "ird", "IRd.events")), StringComparison.Ordinal);
    }

    private void Git(params string[] args)
    {
        var start = new ProcessStartInfo("git", args) { WorkingDirectory = Dir, RedirectStandardOutput = true, RedirectStandardError = true };
        using var git = Process.Start(start)!;
        var error = git.StandardError.ReadToEnd();
        git.StandardOutput.ReadToEnd();
        git.WaitForExit();
        Assert.True(git.ExitCode == 0, $"git {string.Join(' ', args)}: {error}");
    }
}
