// The check-script worker of `ixarules test`: runs .csx scripts in a process of its own, under a
// memory limit and a wall-time limit the parent enforces (see IxaRules.Checks.ScriptWorkerPool).
return IxaRules.Checks.ScriptWorkerLoop.Run(Console.OpenStandardInput(), Console.OpenStandardOutput());
