using System.IO.Compression;
using YamlDotNet.RepresentationModel;

namespace IxaRules.Tests.Ci;

/// <summary>
/// The CI example (examples/ci/protocol-checks.yml) works as copied: its steps run here, in order,
/// in a temporary repository holding what a team's repository holds (this repository's rules,
/// examples and the IxaRules source it packs the tool from) — once as a push, once as a pull
/// request from a fork. Each <c>run:</c> is run by bash as the runner runs it; the <c>uses:</c>
/// steps are stood in for (checkout: the copy; setup-dotnet: the SDK running this test;
/// upload-artifact: its file must exist).
/// </summary>
public sealed class CiExampleTests
{
    private static readonly string WorkflowPath = Path.Combine(TestPaths.Root, "examples", "ci", "protocol-checks.yml");

    [Fact]
    public void The_CI_example_packs_installs_and_runs_ixarules_in_a_fresh_repository()
    {
        var workflow = LoadWorkflow(WorkflowPath);
        var repo = Directory.CreateTempSubdirectory("ixarules-ci-");
        try
        {
            CopyRepository(repo.FullName);
            var runner = new StepRunner(repo.FullName, workflow.Env);

            var push = runner.RunJob(workflow.Steps, Context("push", ""));
            Assert.Contains("Install ixarules (packed from the IxaRules source)", push.Ran);
            Assert.Contains("Scenarios, check scripts and examples, with full rule coverage", push.Ran);
            Assert.DoesNotContain("Scenarios and examples only (pull request from a fork)", push.Ran);
            Assert.Contains($"checked {Directory.GetFiles(TestPaths.Rules, "*.ixr", SearchOption.AllDirectories).Length} files: 0 errors, 0 warnings", push.Output);
            Assert.Contains("0 need formatting", push.Output);
            Assert.Matches(@"\d+ passed, 0 failed", push.Output);
            Assert.DoesNotContain("not run (--no-scripts)", push.Output);
            Assert.Contains("<testsuites", File.ReadAllText(Path.Combine(repo.FullName, "protocol-checks.xml")));
            AssertToolPackage(repo.FullName);

            File.Delete(Path.Combine(repo.FullName, "protocol-checks.xml"));
            var fork = runner.RunJob(workflow.Steps.Where(s => !s.Name.StartsWith("Install", StringComparison.Ordinal)).ToList(), Context("pull_request", "someone/regimens"));
            Assert.Contains("Scenarios and examples only (pull request from a fork)", fork.Ran);
            Assert.DoesNotContain("Scenarios, check scripts and examples, with full rule coverage", fork.Ran);
            Assert.Contains("check scripts not run (--no-scripts)", fork.Output);
            Assert.True(File.Exists(Path.Combine(repo.FullName, "protocol-checks.xml")), "the fork run keeps its JUnit results too");
        }
        finally
        {
            repo.Delete(recursive: true);
        }
    }

    [Theory]
    [InlineData("github.event_name != 'pull_request' || github.event.pull_request.head.repo.full_name == github.repository", "push", "", true)]
    [InlineData("github.event_name != 'pull_request' || github.event.pull_request.head.repo.full_name == github.repository", "pull_request", "team/regimens", true)]
    [InlineData("github.event_name != 'pull_request' || github.event.pull_request.head.repo.full_name == github.repository", "pull_request", "someone/regimens", false)]
    [InlineData("github.event_name == 'pull_request' && github.event.pull_request.head.repo.full_name != github.repository", "pull_request", "someone/regimens", true)]
    [InlineData("github.event_name == 'pull_request' && github.event.pull_request.head.repo.full_name != github.repository", "push", "", false)]
    [InlineData("${{ !(github.event_name == 'PUSH') }}", "push", "", false)]
    [InlineData("always()", "push", "", true)]
    [InlineData("${{ !cancelled() && (github.event_name != 'pull_request' || github.event.pull_request.head.repo.full_name == github.repository) }}", "pull_request", "someone/regimens", false)]
    [InlineData("${{ !cancelled() }}", "push", "", true)]
    public void Workflow_conditions_are_evaluated_as_the_runner_does(string condition, string eventName, string headRepository, bool expected)
    {
        Assert.Equal(expected, new WorkflowCondition(Context(eventName, headRepository)).Evaluate(condition));
    }

    [Fact]
    public void A_condition_outside_the_understood_subset_fails_instead_of_being_guessed()
    {
        var condition = new WorkflowCondition(new Dictionary<string, string>());
        Assert.Throws<FormatException>(() => condition.Evaluate("contains(github.ref, 'main')"));
    }

    /// <summary>The `github` context of a run of the team's repository, for an event and the repository a pull request comes from.</summary>
    private static Dictionary<string, string> Context(string eventName, string headRepository) => new()
    {
        ["github.event_name"] = eventName,
        ["github.repository"] = "team/regimens",
        ["github.event.pull_request.head.repo.full_name"] = headRepository,
    };

    private static void AssertToolPackage(string repo)
    {
        var package = Assert.Single(Directory.GetFiles(Path.Combine(repo, "nupkg"), "IxaRules.Cli.*.nupkg"));
        using var zip = ZipFile.OpenRead(package);
        Assert.Contains(zip.Entries, e => e.FullName == "README.md");
        using var nuspec = new StreamReader(zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open());
        Assert.Contains("<readme>README.md</readme>", nuspec.ReadToEnd());

        // One portable package (every platform), its own assemblies compiled ahead of time for
        // linux-x64 (ReadyToRunTool.targets): a cold `check` must not spend itself in the JIT.
        Assert.DoesNotContain(zip.Entries, e => e.FullName.StartsWith("tools/net10.0/", StringComparison.Ordinal)
            && !e.FullName.StartsWith("tools/net10.0/any/", StringComparison.Ordinal));
        foreach (var name in new[] { "IxaRules.dll", "IxaRules.Cli.dll", "Sprache.dll", "IxaRules.ScriptWorker.dll" })
        {
            Assert.True(IsReadyToRun(zip.GetEntry("tools/net10.0/any/" + name)!), name + " is not a ReadyToRun image");
        }
    }

    private static bool IsReadyToRun(ZipArchiveEntry entry)
    {
        using var copy = new MemoryStream();
        using (var stream = entry.Open())
        {
            stream.CopyTo(copy);
        }

        copy.Position = 0;
        using var pe = new System.Reflection.PortableExecutable.PEReader(copy);
        return pe.PEHeaders.CorHeader?.ManagedNativeHeaderDirectory.Size > 0;
    }

    /// <summary>What a team's repository holds after checkout, taken from this repository (without build output).</summary>
    private static void CopyRepository(string to)
    {
        foreach (var file in new[] { ".editorconfig", "Directory.Build.props", "Directory.Packages.props" })
        {
            File.Copy(Path.Combine(TestPaths.Root, file), Path.Combine(to, file));
        }

        foreach (var folder in new[] { "src", "rules", "examples" })
        {
            CopyFolder(Path.Combine(TestPaths.Root, folder), Path.Combine(to, folder));
        }
    }

    private static void CopyFolder(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }

        foreach (var dir in Directory.EnumerateDirectories(from).Where(d => Path.GetFileName(d) is not ("bin" or "obj")))
        {
            CopyFolder(dir, Path.Combine(to, Path.GetFileName(dir)));
        }
    }

    /// <summary>A workflow file's single job: its env (workflow and job level) and its steps.</summary>
    internal static (IReadOnlyDictionary<string, string> Env, List<WorkflowStep> Steps) LoadWorkflow(string path)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(File.ReadAllText(path)));
        var root = (YamlMappingNode)stream.Documents[0].RootNode;
        var jobs = (YamlMappingNode)root["jobs"];
        var job = (YamlMappingNode)Assert.Single(jobs.Children).Value;
        var env = new Dictionary<string, string>();
        foreach (var scope in new[] { root, job })
        {
            if (scope.Children.TryGetValue(new YamlScalarNode("env"), out var node))
            {
                foreach (var (key, value) in ((YamlMappingNode)node).Children)
                {
                    env[key.ToString()] = value.ToString();
                }
            }
        }

        var steps = ((YamlSequenceNode)job["steps"]).Children.Cast<YamlMappingNode>().Select(WorkflowStep.From).ToList();
        return (env, steps);
    }
}
