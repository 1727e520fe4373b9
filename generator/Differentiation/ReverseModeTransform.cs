using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using SharpGrad.Generator.Helpers;
using SharpGrad.Generator.Ir;
using static SharpGrad.Generator.Differentiation.Build;

namespace SharpGrad.Generator.Differentiation;

/// <summary>
/// Reverse-mode differentiation of a method's IR.
/// <para>
/// The forward sweep runs the original statements. The reverse sweep visits them backwards: for
/// <c>v = e</c> it adds <c>d_v * de/du</c> to the adjoint of every active <c>u</c> in <c>e</c>, then clears
/// <c>d_v</c>; loops run backwards, branches replay the branch taken. Partial derivatives read values as
/// they were when the statement ran: a variable the reverse sweep reads and the forward sweep overwrites is
/// pushed on a tape before each overwrite and popped back in reverse (the to-be-recorded analysis: nothing
/// else is recorded).
/// </para>
/// <para>Partial files: setup (this file), the forward sweep, the reverse sweep, the propagation of adjoints through expressions, the method's own outputs (their seeds), and calls that write outputs.</para>
/// </summary>
internal sealed partial class ReverseModeTransform
{
    private readonly MethodIr _method;
    private readonly ActivityAnalysis _activity;
    private NameScope _names;
    private readonly Dictionary<string, string> _adjoints = new();
    private readonly Dictionary<string, string> _arrayAdjoints = new();
    private readonly List<IrStmt> _prologue = [];
    private readonly List<IrStmt> _epilogue = [];
    private readonly List<IrLocal> _extraLocals = [];
    private readonly HashSet<IfStmt> _recordedBranches = [];
    private readonly Dictionary<WhileStmt, string> _tripCounters = [];
    private readonly StatementIndex _index;
    private readonly ReplayableIndices _replayable;
    private readonly FreshLoopStarts _freshStarts;
    private readonly Dictionary<string, HashSet<IrStmt>> _reverseReads = new();
    private readonly Dictionary<string, List<IrStmt>> _assignments = new();
    private bool _probing;
    private int _temporaries;
    private string _seedName = string.Empty;

    private ReverseModeTransform(MethodIr method)
    {
        _method = method;
        _activity = ActivityAnalysis.Run(method);
        _names = new NameScope(method.Parameters.Select(p => p.Name).Concat(method.Locals.Select(l => l.Name)));
        _index = new StatementIndex(method.Body);
        _replayable = ReplayableIndices.Run(method);
        _freshStarts = FreshLoopStarts.Run(method.Body);
        foreach (AssignStmt assign in IrWalker.AllStatements(method.Body).OfType<AssignStmt>())
        {
            string target = ActivityAnalysis.TargetName(assign.Target);
            if (!_assignments.TryGetValue(target, out List<IrStmt>? list))
            {
                _assignments[target] = list = [];
            }

            list.Add(assign);
        }
    }

    public static GradientProgram Differentiate(MethodIr method) => new ReverseModeTransform(method).Run();

    private GradientProgram Run()
    {
        var gradients = new List<GradientParameter>();
        var written = new HashSet<string>(IrWalker.AllStatements(_method.Body).OfType<AssignStmt>().Where(a => a.Target is ElementExpr).Select(a => ActivityAnalysis.TargetName(a.Target))
            .Concat(IrWalker.AllStatements(_method.Body).OfType<CallStmt>().SelectMany(c => ActivityAnalysis.OutputArrays(c.Call))));
        foreach (IrParameter parameter in _method.Parameters.Where(p => p.IsDifferentiated))
        {
            string buffer = _names.Fresh(parameter.Name + "Grad");
            if (parameter.Kind == ParameterKind.Scalar)
            {
                string adjoint = AdjointName(parameter.Name);
                gradients.Add(new GradientParameter(parameter, buffer, adjoint));
            }
            else
            {
                gradients.Add(new GradientParameter(parameter, buffer, null));
                if (!written.Contains(parameter.Name))
                {
                    // Never overwritten: adjoints accumulate straight into the caller's buffer.
                    _arrayAdjoints[parameter.Name] = buffer;
                }
                else
                {
                    // Overwritten in place: its adjoint is a scratch array, added to the buffer once the
                    // reverse sweep has carried it back to the values the caller passed in.
                    string adjoint = ArrayAdjoint(parameter.Name, parameter.ElementType, new LengthExpr(parameter.Name), _prologue);
                    string k = _names.Fresh("k");
                    _extraLocals.Add(new IrLocal(k, NumericType.Int));
                    var index = new VariableExpr(k, NumericType.Int);
                    _epilogue.Add(new ForStmt(k, Const(0, NumericType.Int), BinaryOperator.Less, new LengthExpr(parameter.Name), 1, EquatableArray.Create<IrStmt>(
                        new AssignStmt(new ElementExpr(buffer, index, parameter.ElementType), new ElementExpr(adjoint, index, parameter.ElementType), AssignKind.Add))));
                }
            }
        }

        List<OutputParameter> outputs = SeedOutputs();
        foreach (IrParameter parameter in _method.Parameters.Where(p => !p.IsDifferentiated && !p.IsOutput && p.Kind != ParameterKind.Scalar && _activity.IsActive(p.Name)))
        {
            // An output span written with values that depend on the parameters and read back later.
            ArrayAdjoint(parameter.Name, parameter.ElementType, new LengthExpr(parameter.Name), _prologue);
        }

        foreach (IrLocal local in _method.Locals.Where(l => !l.IsArray && _activity.IsActive(l.Name)))
        {
            AdjointName(local.Name);
        }

        foreach (IrLocal local in _method.Locals.Where(l => l.IsArray && _activity.IsActive(l.Name)))
        {
            _arrayAdjoints[local.Name] = _names.Fresh("d_" + local.Name);
        }

        string result = _names.Fresh("result");
        _seedName = _names.Fresh("outputGradient");
        string accumulate = HasOwnGradientsOnly(gradients) ? _names.Fresh("accumulate") : string.Empty;
        string tape = _names.Fresh("tape");

        // Probing passes find what the reverse sweep reads; the final pass records exactly those values that
        // get overwritten. Recording feeds back into the reads: a restore makes the reverse of a loop or branch
        // non-empty, and that reverse loop then reads its bounds (a while loop's index, say), which must in
        // turn be restored. So probing repeats, each pass recording what the reads found so far say, until
        // the reads stop growing (they only ever grow, and are finite).
        NameScope names = _names.Clone();
        int declaredBeforeProbe = _extraLocals.Count;
        _probing = true;
        int noted;
        do
        {
            noted = _reverseReads.Values.Sum(readers => readers.Count);
            ResetSweep(names, declaredBeforeProbe);
            ReverseBlock(_method.Body);
        }
        while (_reverseReads.Values.Sum(readers => readers.Count) > noted);

        _probing = false;
        ResetSweep(names, declaredBeforeProbe);

        List<IrStmt> reverse = ReverseBlock(_method.Body);
        reverse.AddRange(_epilogue);
        List<IrStmt> forward = [.. _prologue, .. ForwardBlock(_method.Body, result)];
        KeepFinalOutputs(forward, reverse);
        bool usesTape = IrWalker.AllStatements(forward).Any(s => s is TapePushStmt);

        var locals = new List<IrLocal>(_method.Locals);
        if (!_method.ReturnsVoid)
        {
            locals.Add(new IrLocal(result, _method.ReturnType));
        }

        locals.AddRange(_adjoints.Select(a => new IrLocal(a.Value, TypeOf(a.Key))));
        locals.AddRange(_extraLocals);
        return new GradientProgram(
            _method,
            gradients.ToEquatableArray(),
            locals.ToEquatableArray(),
            forward.ToEquatableArray(),
            reverse.ToEquatableArray(),
            result,
            tape,
            usesTape,
            _seedName,
            outputs.ToEquatableArray(),
            accumulate);
    }

    /// <summary>
    /// Whether the companion is a static method (an instance one may implement an interface's, as the layers'
    /// <c>ILayer&lt;T&gt;.ForwardWithGradient</c> do) and every gradient it adds goes into a buffer it is passed: no
    /// member of a module and no call on a module (whose companion adds into that module's parameters), so that
    /// <c>accumulate: false</c> can clear them all.
    /// </summary>
    private bool HasOwnGradientsOnly(IEnumerable<GradientParameter> gradients)
        => _method.IsStatic && !gradients.Any(g => g.Parameter.IsImplicit)
            && !IrWalker.AllStatements(_method.Body).SelectMany(IrWalker.ExpressionsOf).SelectMany(IrWalker.Descendants)
                .Any(e => e is DifferentiableCallExpr { Receiver: not null });

    /// <summary>Forgets what a (probing) reverse sweep declared, so that the next sweep starts from the same names.</summary>
    private void ResetSweep(NameScope names, int declaredBefore)
    {
        _names = names.Clone();
        _recordedBranches.Clear();
        _tripCounters.Clear();
        _callPlans.Clear();
        _temporaries = 0;
        _extraLocals.RemoveRange(declaredBefore, _extraLocals.Count - declaredBefore);
    }

    private string Temporary()
    {
        return _names.Fresh("t" + (_temporaries++).ToString(CultureInfo.InvariantCulture));
    }

    private static IrExpr ConvertTo(IrExpr expression, NumericType type)
        => Parsing.MethodParser.Convert(expression, type);

    /// <summary>The name of a scalar's adjoint local, created on first use.</summary>
    private string AdjointName(string name)
    {
        if (!_adjoints.TryGetValue(name, out string? adjoint))
        {
            adjoint = _names.Fresh("d_" + name);
            _adjoints.Add(name, adjoint);
        }

        return adjoint;
    }

    private NumericType TypeOf(string name)
        => _method.Locals.FirstOrDefault(l => l.Name == name)?.Type
        ?? _method.Parameters.First(p => p.Name == name).ElementType;
}
