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
/// </summary>
internal sealed class ReverseModeTransform
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
    private readonly Dictionary<string, List<IrStmt>> _reverseReads = new();
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
        var written = new HashSet<string>(IrWalker.AllStatements(_method.Body).OfType<AssignStmt>().Where(a => a.Target is ElementExpr).Select(a => ActivityAnalysis.TargetName(a.Target)));
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

        foreach (IrParameter parameter in _method.Parameters.Where(p => !p.IsDifferentiated && p.Kind != ParameterKind.Scalar && _activity.IsActive(p.Name)))
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
        string tape = _names.Fresh("tape");

        // Pass 1 finds what the reverse sweep reads; pass 2 records exactly those values that get overwritten.
        NameScope names = _names.Clone();
        int declaredBeforeProbe = _extraLocals.Count;
        _probing = true;
        ReverseBlock(_method.Body);
        _probing = false;
        _names = names;
        _recordedBranches.Clear();
        _tripCounters.Clear();
        _temporaries = 0;
        _extraLocals.RemoveRange(declaredBeforeProbe, _extraLocals.Count - declaredBeforeProbe);

        List<IrStmt> reverse = ReverseBlock(_method.Body);
        reverse.AddRange(_epilogue);
        List<IrStmt> forward = [.. _prologue, .. ForwardBlock(_method.Body, result)];
        bool usesTape = IrWalker.AllStatements(forward).Any(s => s is TapePushStmt);

        var locals = new List<IrLocal>(_method.Locals) { new(result, _method.ReturnType) };
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
            _seedName);
    }

    // ---- Forward sweep ------------------------------------------------------------------------------

    private List<IrStmt> ForwardBlock(IEnumerable<IrStmt> statements, string result)
    {
        var output = new List<IrStmt>();
        foreach (IrStmt statement in statements)
        {
            switch (statement)
            {
                case AssignStmt assign:
                    if (IsRecorded(assign))
                    {
                        output.Add(new TapePushStmt(assign.Target));
                    }

                    output.Add(assign);
                    break;
                case AllocateStmt allocate:
                    output.Add(allocate);
                    if (_activity.IsActive(allocate.Name))
                    {
                        output.Add(new AllocateStmt(_arrayAdjoints[allocate.Name], allocate.ElementType, allocate.Length));
                    }

                    break;
                case ForStmt loop:
                    output.Add(loop with { Body = ForwardBlock(loop.Body, result).ToEquatableArray() });
                    break;
                case WhileStmt loop:
                {
                    List<IrStmt> body = ForwardBlock(loop.Body, result);
                    if (_tripCounters.TryGetValue(loop, out string? counterName))
                    {
                        // The trip count depends on data: count the iterations and record the count.
                        var counter = new VariableExpr(counterName, NumericType.Int);
                        output.Add(new AssignStmt(counter, Const(0, NumericType.Int)));
                        body.Insert(0, new AssignStmt(counter, Add(counter, Const(1, NumericType.Int))));
                        output.Add(loop with { Body = body.ToEquatableArray() });
                        output.Add(new TapePushStmt(counter));
                    }
                    else
                    {
                        output.Add(loop with { Body = body.ToEquatableArray() });
                    }

                    break;
                }
                case IfStmt branch:
                {
                    List<IrStmt> whenTrue = ForwardBlock(branch.Then, result);
                    List<IrStmt> whenFalse = ForwardBlock(branch.Else, result);
                    if (_recordedBranches.Contains(branch))
                    {
                        // Recorded last, so the reverse sweep pops it first and knows which branch to replay.
                        whenTrue.Add(new TapePushStmt(Const(1, NumericType.Double)));
                        whenFalse.Add(new TapePushStmt(Const(0, NumericType.Double)));
                    }

                    output.Add(new IfStmt(branch.Condition, whenTrue.ToEquatableArray(), whenFalse.ToEquatableArray()));
                    break;
                }

                case ReturnStmt ret:
                    output.Add(new AssignStmt(new VariableExpr(result, _method.ReturnType), ret.Value));
                    break;
                default:
                    output.Add(statement);
                    break;
            }
        }

        return output;
    }

    /// <summary>
    /// Whether the value <paramref name="assign"/> overwrites must be recorded: the reverse sweep reads the
    /// variable on behalf of a statement that can run before this assignment (so by then, in reverse, the
    /// assignment must have been undone).
    /// </summary>
    private bool IsRecorded(AssignStmt assign)
        => _reverseReads.TryGetValue(ActivityAnalysis.TargetName(assign.Target), out List<IrStmt>? readers)
        && readers.Any(reader => _index.CanPrecede(reader, assign));

    /// <summary>Whether an adjoint must be cleared after this assignment: an earlier (or repeated) assignment will add to it again.</summary>
    private bool NeedsAdjointReset(AssignStmt assign, string name)
        => _index.IsInLoop(assign) || _assignments[name].Any(other => !ReferenceEquals(other, assign) && _index.CanPrecede(other, assign));

    private void NoteReads(IrStmt statement, IEnumerable<IrStmt> emitted)
    {
        if (!_probing)
        {
            return;
        }

        IEnumerable<IrExpr> expressions = IrWalker.AllStatements(emitted).SelectMany(IrWalker.ExpressionsOf);
        foreach (string name in expressions.SelectMany(e => IrWalker.VariablesRead(e).Concat(IrWalker.ArraysRead(e))).Distinct())
        {
            if (!_reverseReads.TryGetValue(name, out List<IrStmt>? readers))
            {
                _reverseReads[name] = readers = [];
            }

            readers.Add(statement);
        }
    }

    // ---- Reverse sweep ------------------------------------------------------------------------------

    private List<IrStmt> ReverseBlock(IEnumerable<IrStmt> statements)
    {
        var output = new List<IrStmt>();
        foreach (IrStmt statement in statements.Reverse())
        {
            int start = output.Count;
            switch (statement)
            {
                case AssignStmt assign:
                    ReverseAssign(assign, output);
                    break;
                case ForStmt loop:
                    ReverseLoop(loop, output);
                    break;
                case WhileStmt loop:
                {
                    List<IrStmt> body = ReverseBlock(loop.Body);
                    if (body.Count > 0)
                    {
                        string counter = _names.Fresh("trips");
                        _tripCounters[loop] = counter;
                        _extraLocals.Add(new IrLocal(counter, NumericType.Int));
                        string k = Temporary();
                        _extraLocals.Add(new IrLocal(k, NumericType.Int));
                        output.Add(new CommentStmt("reverse of: " + (loop.IsDoWhile ? "do ... while (" : "while (") + IrPrinter.Print(loop.Condition) + "), as many times as it ran"));
                        IrExpr last = Sub(new TapePopExpr(NumericType.Int), Const(1, NumericType.Int));
                        output.Add(new ForStmt(k, last, BinaryOperator.GreaterOrEqual, Const(0, NumericType.Int), -1, body.ToEquatableArray()));
                    }

                    break;
                }
                case IfStmt branch:
                {
                    List<IrStmt> whenTrue = ReverseBlock(branch.Then);
                    List<IrStmt> whenFalse = ReverseBlock(branch.Else);
                    if (whenTrue.Count > 0 || whenFalse.Count > 0)
                    {
                        _recordedBranches.Add(branch);
                        output.Add(new CommentStmt("replay the branch taken by: if (" + IrPrinter.Print(branch.Condition) + ")"));
                        output.Add(new IfStmt(Compare(BinaryOperator.NotEqual, new TapePopExpr(NumericType.Double), Const(0, NumericType.Double)), whenTrue.ToEquatableArray(), whenFalse.ToEquatableArray()));
                    }

                    break;
                }

                case ReturnStmt ret:
                    if (_activity.IsActive(ret.Value))
                    {
                        output.Add(new CommentStmt("return " + IrPrinter.Print(ret.Value) + ";  (seeded with " + _seedName + " = d(loss)/d(result))"));
                        Propagate(ret.Value, new VariableExpr(_seedName, ret.Value.Type), output);
                    }

                    break;
            }

            // Loops and branches note their own header reads; nested statements noted themselves.
            if (statement is AssignStmt or ReturnStmt)
            {
                NoteReads(statement, output.Skip(start));
            }
        }

        return output;
    }

    private void ReverseAssign(AssignStmt assign, List<IrStmt> output)
    {
        IrExpr target = assign.Target;
        string name = ActivityAnalysis.TargetName(target);
        int start = output.Count;
        if (!_probing && IsRecorded(assign))
        {
            // Undo the overwrite first: the partials below read values as they were before it.
            output.Add(new AssignStmt(target, new TapePopExpr(target.Type)));
        }

        if (_activity.IsActive(name))
        {
            IrExpr adjoint = AdjointOf(target);
            bool readsItself = target is VariableExpr
                ? IrWalker.VariablesRead(assign.Value).Contains(name)
                : IrWalker.ArraysRead(assign.Value).Contains(name); // another element may alias this one
            if (assign.Value is BinaryExpr { Operator: BinaryOperator.Add or BinaryOperator.Subtract } increment
                && increment.Left == target && !Reads(increment.Right, name))
            {
                // v = v ± e: d_v flows to the old v unchanged, and ±d_v to e.
                Propagate(increment.Right, increment.Operator == BinaryOperator.Add ? adjoint : Neg(adjoint), output);
            }
            else if (!readsItself)
            {
                Propagate(assign.Value, adjoint, output);
                if (target is ElementExpr || NeedsAdjointReset(assign, name))
                {
                    output.Add(new AssignStmt(adjoint, Const(0, target.Type)));
                }
            }
            else
            {
                // v = f(v, ...): take d_v before clearing it, then pass it through f.
                string saved = Temporary();
                output.Add(new DeclareStmt(saved, target.Type, adjoint));
                output.Add(new AssignStmt(adjoint, Const(0, target.Type)));
                Propagate(assign.Value, new VariableExpr(saved, target.Type), output);
            }
        }

        if (output.Count > start)
        {
            output.Insert(start, new CommentStmt(IrPrinter.Print(assign)));
        }
    }

    private string ArrayAdjoint(string array, NumericType elementType, IrExpr length, List<IrStmt> allocations)
    {
        string adjoint = _names.Fresh("d_" + array);
        _arrayAdjoints[array] = adjoint;
        allocations.Add(new AllocateStmt(adjoint, elementType, length));
        return adjoint;
    }

    private static bool Reads(IrExpr expression, string name)
        => IrWalker.VariablesRead(expression).Contains(name) || IrWalker.ArraysRead(expression).Contains(name);

    /// <summary>The adjoint of a scalar variable or of an array element.</summary>
    private IrExpr AdjointOf(IrExpr value) => value switch
    {
        VariableExpr variable => new VariableExpr(_adjoints[variable.Name], variable.Type),
        ElementExpr element => new ElementExpr(_arrayAdjoints[element.Array], element.Index, element.Type),
        _ => throw new System.InvalidOperationException("no adjoint for " + value.GetType().Name),
    };

    private void ReverseLoop(ForStmt loop, List<IrStmt> output)
    {
        List<IrStmt> body = ReverseBlock(loop.Body);
        if (body.Count == 0)
        {
            return;
        }

        output.Add(new CommentStmt("reverse of: " + IrPrinter.PrintHeader(loop)));
        NoteReads(loop, [new ForStmt(loop.Index, loop.Start, loop.Condition, loop.Bound, loop.Step, EquatableArray<IrStmt>.Empty)]);
        if (loop.Step == 1 || loop.Step == -1)
        {
            // for (i = a; i < b; i++) visits a..b-1, so its reverse visits b-1 down to a (and symmetrically).
            IrExpr last = loop.Condition switch
            {
                BinaryOperator.Less => Sub(loop.Bound, Const(1, NumericType.Int)),
                BinaryOperator.Greater => Add(loop.Bound, Const(1, NumericType.Int)),
                _ => loop.Bound,
            };
            BinaryOperator condition = loop.Step == 1 ? BinaryOperator.GreaterOrEqual : BinaryOperator.LessOrEqual;
            output.Add(new ForStmt(loop.Index, last, condition, loop.Start, -loop.Step, body.ToEquatableArray()));
            return;
        }

        // A larger step: count the iterations the forward loop made, then walk them backwards.
        string count = Temporary();
        string k = Temporary();
        var index = new VariableExpr(loop.Index, NumericType.Int);
        IrExpr step = Const(loop.Step, NumericType.Int);
        IrExpr span = loop.Step > 0 ? Sub(loop.Bound, loop.Start) : Sub(loop.Start, loop.Bound);
        bool inclusive = loop.Condition is BinaryOperator.LessOrEqual or BinaryOperator.GreaterOrEqual;
        int magnitude = System.Math.Abs(loop.Step);
        IrExpr trips = Div(Add(span, Const(inclusive ? magnitude : magnitude - 1, NumericType.Int)), Const(magnitude, NumericType.Int));
        output.Add(new DeclareStmt(count, NumericType.Int, Select(Compare(BinaryOperator.Greater, trips, Const(0, NumericType.Int)), trips, Const(0, NumericType.Int))));
        var reversed = new List<IrStmt> { new AssignStmt(index, Add(loop.Start, Mul(new VariableExpr(k, NumericType.Int), step))) };
        reversed.AddRange(body);
        output.Add(new ForStmt(k, Sub(new VariableExpr(count, NumericType.Int), Const(1, NumericType.Int)), BinaryOperator.GreaterOrEqual, Const(0, NumericType.Int), -1, reversed.ToEquatableArray()));
        _extraLocals.Add(new IrLocal(k, NumericType.Int));
    }

    /// <summary>Adds <paramref name="seed"/> times d(<paramref name="expression"/>)/du to the adjoint of every active u it reads.</summary>
    private void Propagate(IrExpr expression, IrExpr seed, List<IrStmt> output)
    {
        if (!_activity.IsActive(expression))
        {
            return;
        }

        switch (expression)
        {
            case VariableExpr:
            case ElementExpr:
                output.Add(new AssignStmt(AdjointOf(expression), seed, AssignKind.Add));
                break;
            case ConvertExpr convert:
                Propagate(convert.Operand, ConvertTo(seed, convert.Operand.Type), output);
                break;
            case UnaryExpr { Operator: UnaryOperator.Negate } negate:
                Propagate(negate.Operand, Neg(seed), output);
                break;
            case BinaryExpr binary:
                PropagateBinary(binary, seed, output);
                break;
            case ConditionalExpr conditional:
                output.Add(new IfStmt(
                    conditional.Condition,
                    PropagateInto(conditional.WhenTrue, seed),
                    PropagateInto(conditional.WhenFalse, seed)));
                break;
            case CallExpr call:
                PropagateCall(call, seed, output);
                break;
            case DifferentiableCallExpr call:
                PropagateDifferentiableCall(call, seed, output);
                break;
        }
    }

    /// <summary>
    /// A callee with a gradient method is differentiated by calling that method with the seed, not by
    /// inlining it: an edit inside the callee then regenerates only the callee.
    /// </summary>
    private void PropagateDifferentiableCall(DifferentiableCallExpr call, IrExpr seed, List<IrStmt> output)
    {
        output.Add(new CommentStmt("d/dargs " + IrPrinter.Print(call) + ": through " + call.GradientMethod.Split('.').Last()));
        var gradients = new List<IrExpr>();
        var scalars = new List<(IrExpr Argument, VariableExpr Gradient)>();
        for (int i = 0; i < call.Arguments.Count; i++)
        {
            if (!call.Differentiated[i])
            {
                continue;
            }

            IrExpr argument = call.Arguments[i];
            if (argument is ArrayRefExpr array)
            {
                if (_activity.IsActive(array.Array))
                {
                    gradients.Add(new ArrayRefExpr(_arrayAdjoints[array.Array], array.Type));
                }
                else
                {
                    // The callee differentiates what the caller holds constant: give it a scratch buffer.
                    string scratch = Temporary();
                    output.Add(new AllocateStmt(scratch, array.Type, new LengthExpr(array.Array)));
                    gradients.Add(new ArrayRefExpr(scratch, array.Type));
                }
            }
            else
            {
                var gradient = new VariableExpr(Temporary(), argument.Type);
                output.Add(new DeclareStmt(gradient.Name, argument.Type, Const(0, argument.Type)));
                gradients.Add(gradient);
                scalars.Add((argument, gradient));
            }
        }

        output.Add(new GradientCallStmt(call.GradientMethod, call.Arguments, gradients.ToEquatableArray(), ConvertTo(seed, call.Type)));
        foreach ((IrExpr argument, VariableExpr gradient) in scalars)
        {
            Propagate(argument, gradient, output);
        }
    }

    private EquatableArray<IrStmt> PropagateInto(IrExpr expression, IrExpr seed)
    {
        var statements = new List<IrStmt>();
        Propagate(expression, seed, statements);
        return statements.ToEquatableArray();
    }

    private void PropagateBinary(BinaryExpr binary, IrExpr seed, List<IrStmt> output)
    {
        bool leftActive = _activity.IsActive(binary.Left);
        bool rightActive = _activity.IsActive(binary.Right);
        if (leftActive && rightActive)
        {
            seed = Shared(seed, output);
        }

        switch (binary.Operator)
        {
            case BinaryOperator.Add:
                Propagate(binary.Left, seed, output);
                Propagate(binary.Right, seed, output);
                break;
            case BinaryOperator.Subtract:
                Propagate(binary.Left, seed, output);
                Propagate(binary.Right, Neg(seed), output);
                break;
            case BinaryOperator.Multiply when binary.Left == binary.Right:
                // d(a a) = 2 a da: one accumulation instead of two equal ones.
                Propagate(binary.Left, Mul(Mul(Const(2, binary.Type), seed), binary.Left), output);
                break;
            case BinaryOperator.Multiply:
                // Product rule: d(a b) = b da + a db.
                Propagate(binary.Left, Mul(seed, binary.Right), output);
                Propagate(binary.Right, Mul(binary.Left, seed), output);
                break;
            case BinaryOperator.Divide:
                // Quotient rule: d(a / b) = da / b - (a / b) db / b.
                Propagate(binary.Left, Div(seed, binary.Right), output);
                Propagate(binary.Right, Neg(Div(Mul(seed, binary), binary.Right)), output);
                break;
            case BinaryOperator.Remainder:
                // a % b = a - trunc(a / b) b: d/da = 1, d/db = -trunc(a / b).
                Propagate(binary.Left, seed, output);
                Propagate(binary.Right, Neg(Mul(seed, Call(MathFunction.Truncate, binary.Type, Div(binary.Left, binary.Right)))), output);
                break;
        }
    }

    private void PropagateCall(CallExpr call, IrExpr seed, List<IrStmt> output)
    {
        DerivativeRules.Partial[] partials = DerivativeRules.For(call).Where(p => _activity.IsActive(call.Arguments[p.Argument])).ToArray();
        if (partials.Length > 1)
        {
            seed = Shared(seed, output);
        }

        // Rules such as d tanh = 1 - tanh^2 reuse the call's value: compute it once, not once per use.
        int uses = partials.Sum(p => IrWalker.Descendants(p.Derivative).Count(node => node == call));
        VariableExpr? value = null;
        if (uses > 1)
        {
            value = new VariableExpr(Temporary(), call.Type);
            output.Add(new DeclareStmt(value.Name, call.Type, call));
        }

        foreach (DerivativeRules.Partial partial in partials)
        {
            output.Add(new CommentStmt(partial.Formula));
            IrExpr derivative = value is null
                ? partial.Derivative
                : Optimization.ExpressionRewriter.Rewrite(partial.Derivative, node => node == call ? value : node);
            Propagate(call.Arguments[partial.Argument], Mul(seed, ConvertTo(derivative, call.Type)), output);
        }
    }

    /// <summary>A seed used more than once is computed once, into a temporary.</summary>
    private IrExpr Shared(IrExpr seed, List<IrStmt> output)
    {
        if (seed is VariableExpr or ConstantExpr)
        {
            return seed;
        }

        string name = Temporary();
        output.Add(new DeclareStmt(name, seed.Type, seed));
        return new VariableExpr(name, seed.Type);
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
