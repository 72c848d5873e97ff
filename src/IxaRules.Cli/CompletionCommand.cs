using System.CommandLine;

namespace IxaRules.Cli;

/// <summary>
/// <c>ixarules completion bash|zsh|pwsh</c>: prints a script that makes the shell complete verbs,
/// options and option values. The script asks ixarules itself, through System.CommandLine's
/// <c>[suggest:POSITION]</c> directive, so completions always match this version's commands; where it
/// offers nothing (a path), the shell completes file names.
/// </summary>
internal static class CompletionCommand
{
    public static Command Create(TextWriter stdout)
    {
        var shell = Choices.Argument("shell", "The shell to complete in.", Shell.Bash, ("bash", Shell.Bash), ("zsh", Shell.Zsh), ("pwsh", Shell.Pwsh));
        var command = new Command("completion",
            "Print the shell completion script for bash, zsh or PowerShell (pwsh).\n" +
            "Examples:\n" +
            "  ixarules completion bash\n" +
            "    add `source <(ixarules completion bash)` to ~/.bashrc\n" +
            "  ixarules completion zsh\n" +
            "    add `source <(ixarules completion zsh)` to ~/.zshrc, after compinit\n" +
            "  ixarules completion pwsh\n" +
            "    add `ixarules completion pwsh | Out-String | Invoke-Expression` to your $PROFILE")
        {
            shell,
        };

        command.SetAction(parsed =>
        {
            stdout.Write(parsed.GetValue(shell) switch
            {
                Shell.Zsh => Zsh,
                Shell.Pwsh => Pwsh,
                _ => Bash,
            });
            return Program.Clean;
        });
        return command;
    }

    internal enum Shell
    {
        Bash,
        Zsh,
        Pwsh,
    }

    private const string Bash = """
        # ixarules completion for bash: source <(ixarules completion bash)
        _ixarules_complete() {
            local cur="${COMP_WORDS[COMP_CWORD]}" IFS=$'\n' words
            words=$(ixarules "[suggest:${COMP_POINT}]" "${COMP_LINE}" 2>/dev/null) || return 0
            # Options only when a `-` is typed: otherwise the shell's file names are what is wanted.
            [[ "${cur}" == -* ]] || words=$(printf '%s\n' "${words}" | grep -v '^-')
            COMPREPLY=($(compgen -W "${words}" -- "${cur}"))
        }
        complete -o bashdefault -o default -F _ixarules_complete ixarules

        """;

    private const string Zsh = """
        #compdef ixarules
        # ixarules completion for zsh: source <(ixarules completion zsh), after compinit
        _ixarules() {
            local line="${(j: :)words[1,CURRENT]}"
            local -a completions
            completions=(${(f)"$(ixarules "[suggest:${#line}]" "$line" 2>/dev/null)"})
            [[ "$PREFIX" == -* ]] || completions=(${completions:#-*})
            compadd -a completions || _files
        }
        compdef _ixarules ixarules

        """;

    private const string Pwsh = """
        # ixarules completion for PowerShell: ixarules completion pwsh | Out-String | Invoke-Expression
        Register-ArgumentCompleter -Native -CommandName ixarules -ScriptBlock {
            param($wordToComplete, $commandAst, $cursorPosition)
            $position = $cursorPosition - $commandAst.Extent.StartOffset
            $line = $commandAst.ToString().PadRight($position)
            ixarules "[suggest:$position]" "$line" 2>$null |
                Where-Object { $_ -like "$wordToComplete*" -and ($wordToComplete.StartsWith('-') -or -not $_.StartsWith('-')) } | ForEach-Object {
                [System.Management.Automation.CompletionResult]::new($_, $_, 'ParameterValue', $_)
            }
        }

        """;
}
