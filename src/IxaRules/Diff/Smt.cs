using System.Globalization;
using System.Runtime.InteropServices;
using Microsoft.Z3;

namespace IxaRules.Diff;

internal enum SmtResult
{
    Unsat,
    Sat,
    Unknown,
}

/// <summary>
/// One Z3 context, through Microsoft.Z3's own bindings of the C API (<see cref="Native"/>), not its
/// object layer: the NuGet package ships no Linux library, and the one Debian ships (libz3-4, 4.8)
/// lacks a function the object layer's constructor calls. Terms live until the context is disposed
/// (a non-reference-counted context), which suits a diff: a few hundred terms, then gone.
/// Bounded: every check stops after <see cref="TimeoutMs"/> and within <see cref="MemoryMb"/>.
/// </summary>
internal sealed class Smt : IDisposable
{
    public const int TimeoutMs = 5000;
    public const int MemoryMb = 1024;

    private static readonly string[] LibraryNames = ["libz3", "libz3.so.4", "libz3.so"];
    private static readonly Lazy<string?> Missing = new(Load);
    private readonly IntPtr _ctx;
    private readonly IntPtr _solver;
    private readonly IntPtr _real;
    private readonly IntPtr _int;
    private readonly IntPtr _bool;

    private Smt()
    {
        var config = Native.Z3_mk_config();
        Native.Z3_set_param_value(config, "timeout", TimeoutMs.ToString(CultureInfo.InvariantCulture));
        Native.Z3_set_param_value(config, "model", "true");
        _ctx = Native.Z3_mk_context(config);
        Native.Z3_del_config(config);

        // Errors are returned to the managed layer, which throws; Z3's default handler would exit the process.
        Native.Z3_set_error_handler(_ctx, null);
        _real = Native.Z3_mk_real_sort(_ctx);
        _int = Native.Z3_mk_int_sort(_ctx);
        _bool = Native.Z3_mk_bool_sort(_ctx);
        _solver = Native.Z3_mk_solver(_ctx);
        Native.Z3_solver_inc_ref(_ctx, _solver);
    }

    /// <summary>Why the solver cannot be used here (its native library is missing), or null.</summary>
    public static string? Unavailable => Missing.Value;

    /// <summary>A context, or null (with <see cref="Unavailable"/> saying why) where libz3 cannot be loaded.</summary>
    public static Smt? TryCreate() => Missing.Value is null ? new Smt() : null;

    /// <summary>The library's version, for the report.</summary>
    public static string Version()
    {
        uint major = 0, minor = 0, build = 0, revision = 0;
        Native.Z3_get_version(ref major, ref minor, ref build, ref revision);
        return string.Create(CultureInfo.InvariantCulture, $"{major}.{minor}.{build}");
    }

    private static string? Load()
    {
        // The package's library where it has one (Windows, macOS); Debian's libz3-4 has no unversioned name without -dev.
        NativeLibrary.SetDllImportResolver(typeof(Native).Assembly, (name, assembly, path) =>
        {
            if (name != "libz3")
            {
                return IntPtr.Zero;
            }

            foreach (var candidate in LibraryNames)
            {
                if (NativeLibrary.TryLoad(candidate, assembly, path, out var handle))
                {
                    return handle;
                }
            }

            return IntPtr.Zero;
        });
        try
        {
            Native.Z3_global_param_set("memory_max_size", MemoryMb.ToString(CultureInfo.InvariantCulture));
            return null;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException or BadImageFormatException)
        {
            return "the SMT solver's library (libz3) could not be loaded: " + e.Message;
        }
    }

    public IntPtr RealVar(string name) => Native.Z3_mk_const(_ctx, Native.Z3_mk_string_symbol(_ctx, name), _real);

    public IntPtr IntVar(string name) => Native.Z3_mk_const(_ctx, Native.Z3_mk_string_symbol(_ctx, name), _int);

    public IntPtr BoolVar(string name) => Native.Z3_mk_const(_ctx, Native.Z3_mk_string_symbol(_ctx, name), _bool);

    /// <summary>An exact real: a decimal is written as a fraction, never as a binary float.</summary>
    public IntPtr Real(decimal value)
    {
        var scale = value.Scale;
        var numerator = decimal.Truncate(value * Pow10(scale));
        return Native.Z3_mk_numeral(_ctx, string.Create(CultureInfo.InvariantCulture, $"{numerator}/{Pow10(scale)}"), _real);
    }

    private static decimal Pow10(int n)
    {
        var p = 1m;
        for (var i = 0; i < n; i++)
        {
            p *= 10;
        }

        return p;
    }

    public IntPtr Int(int value) => Native.Z3_mk_numeral(_ctx, value.ToString(CultureInfo.InvariantCulture), _int);

    public IntPtr True => Native.Z3_mk_true(_ctx);

    public IntPtr False => Native.Z3_mk_false(_ctx);

    public IntPtr Lt(IntPtr a, IntPtr b) => Native.Z3_mk_lt(_ctx, a, b);

    public IntPtr Le(IntPtr a, IntPtr b) => Native.Z3_mk_le(_ctx, a, b);

    public IntPtr Gt(IntPtr a, IntPtr b) => Native.Z3_mk_gt(_ctx, a, b);

    public IntPtr Ge(IntPtr a, IntPtr b) => Native.Z3_mk_ge(_ctx, a, b);

    public IntPtr Eq(IntPtr a, IntPtr b) => Native.Z3_mk_eq(_ctx, a, b);

    public IntPtr Not(IntPtr a) => Native.Z3_mk_not(_ctx, a);

    public IntPtr Implies(IntPtr a, IntPtr b) => Native.Z3_mk_implies(_ctx, a, b);

    public IntPtr And(params IntPtr[] terms) => terms.Length switch
    {
        0 => True,
        1 => terms[0],
        _ => Native.Z3_mk_and(_ctx, (uint)terms.Length, terms),
    };

    public IntPtr Or(params IntPtr[] terms) => terms.Length switch
    {
        0 => False,
        1 => terms[0],
        _ => Native.Z3_mk_or(_ctx, (uint)terms.Length, terms),
    };

    private readonly System.Diagnostics.Stopwatch _clock = System.Diagnostics.Stopwatch.StartNew();

    /// <summary>The time this context may spend in all; past it every check is <see cref="SmtResult.Unknown"/> without asking Z3.</summary>
    public TimeSpan Budget { get; set; } = TimeSpan.MaxValue;

    public bool Expired => _clock.Elapsed > Budget;

    /// <summary>Whether <paramref name="formula"/> can hold; on <see cref="SmtResult.Sat"/> the model is kept for <see cref="ValueOf"/>.</summary>
    public SmtResult Check(IntPtr formula)
    {
        DropModel();
        if (Expired)
        {
            return SmtResult.Unknown;
        }

        Native.Z3_solver_reset(_ctx, _solver);
        Native.Z3_solver_assert(_ctx, _solver, formula);
        var result = Native.Z3_solver_check(_ctx, _solver) switch
        {
            1 => SmtResult.Sat,
            -1 => SmtResult.Unsat,
            _ => SmtResult.Unknown,
        };
        if (result == SmtResult.Sat)
        {
            _model = Native.Z3_solver_get_model(_ctx, _solver);
            Native.Z3_model_inc_ref(_ctx, _model);
        }

        return result;
    }

    private IntPtr _model;

    /// <summary>A variable's value in the last model, as exact text (an integer, a fraction or true/false).</summary>
    public string ValueOf(IntPtr term)
    {
        var value = IntPtr.Zero;
        if (_model == IntPtr.Zero || Native.Z3_model_eval(_ctx, _model, term, 1, ref value) == 0)
        {
            throw new InvalidOperationException("no model to read");
        }

        const uint boolSort = 1; // Z3_BOOL_SORT
        if (Native.Z3_get_sort_kind(_ctx, Native.Z3_get_sort(_ctx, value)) == boolSort)
        {
            return Native.Z3_get_bool_value(_ctx, value) == 1 ? "true" : "false";
        }

        return Native.Z3_get_numeral_string(_ctx, value);
    }

    private void DropModel()
    {
        if (_model != IntPtr.Zero)
        {
            Native.Z3_model_dec_ref(_ctx, _model);
            _model = IntPtr.Zero;
        }
    }

    public void Dispose()
    {
        DropModel();
        Native.Z3_solver_dec_ref(_ctx, _solver);
        Native.Z3_del_context(_ctx);
    }
}
