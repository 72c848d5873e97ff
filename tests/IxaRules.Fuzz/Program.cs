using IxaRules.Fuzz;

// Coverage-guided fuzzing of the inputs ixarules reads, with SharpFuzz and afl++ (tests/IxaRules.Fuzz/run.sh).
// Without afl (no __AFL_SHM_ID), `IxaRules.Fuzz TARGET FILE...` runs each file once: to replay a finding.
if (args.Length == 0 || !Targets.All.TryGetValue(args[0], out var target))
{
    Console.Error.WriteLine($"usage: IxaRules.Fuzz {{{string.Join('|', Targets.All.Keys)}}} [FILE...]");
    return 2;
}

if (args.Length > 1)
{
    foreach (var file in args.Skip(1))
    {
        using var stream = File.OpenRead(file);
        target(stream);
        Console.WriteLine($"{file}: ok");
    }

    return 0;
}

SharpFuzz.Fuzzer.OutOfProcess.Run(stream => target(stream));
return 0;
