using System.Collections.Generic;
using System.Linq;
using SharpGrad.Generator.Differentiation;
using SharpGrad.Generator.Helpers;
using SharpGrad.Generator.Ir;

namespace SharpGrad.Generator.Parsing;

/// <summary>
/// Rewrites <c>break</c>, <c>continue</c> and early <c>return</c> into flags and guards, so that every later
/// stage sees structured code only: loops and branches with one entry and one exit, and one final return.
/// <code>
/// for (...) { a; if (c) break; b; }   becomes   i = start; while (i &lt; n &amp;&amp; !stop) { skip = false; a; if (c) { skip = true; stop = true; } if (!skip) { b; } i += step; }
/// if (c) return x; y = ...; return y; becomes   if (c) { value = x; returned = true; } if (!returned) { y = ...; value = y; } return value;
/// </code>
/// The reverse sweep replays the guards from recorded branch decisions and loop trip counts, so the flags
/// themselves are never read backwards.
/// </summary>
internal sealed class ControlFlowLowering
{
    private readonly NameScope _names;
    private readonly List<IrLocal> _locals = [];
    private readonly NumericType _returnType;
    private VariableExpr? _returned;
    private VariableExpr? _returnValue;
    private ReturnStmt? _finalReturn;

    private ControlFlowLowering(NameScope names, NumericType returnType)
    {
        _names = names;
        _returnType = returnType;
    }

    /// <summary>Lowers <paramref name="body"/>; the flags it introduces are added to <paramref name="locals"/>.</summary>
    public static List<IrStmt> Lower(List<IrStmt> body, NumericType returnType, NameScope names, List<IrLocal> locals)
    {
        bool hasJumps = IrWalker.AllStatements(body).Any(s => s is BreakStmt or ContinueStmt)
            || IrWalker.AllStatements(body).OfType<ReturnStmt>().Count() > 1
            || (body.Count > 0 && body[body.Count - 1] is not ReturnStmt);
        if (!hasJumps)
        {
            return body;
        }

        var lowering = new ControlFlowLowering(names, returnType);
        if (IrWalker.AllStatements(body).OfType<ReturnStmt>().Count() == 1 && body[body.Count - 1] is ReturnStmt only)
        {
            // Loops jump, but the method returns only at its end: that return can stay as it is.
            lowering._finalReturn = only;
        }

        List<IrStmt> lowered = lowering.LowerBlock(body, loop: null);
        if (lowering._returnValue is not null)
        {
            lowered.Add(new ReturnStmt(lowering._returnValue));
        }

        locals.AddRange(lowering._locals);
        return lowered;
    }

    /// <summary>The flags of the innermost loop that a break or continue refers to.</summary>
    private sealed class LoopFlags
    {
        public VariableExpr? Skip { get; set; }

        public VariableExpr? Stop { get; set; }
    }

    private List<IrStmt> LowerBlock(IReadOnlyList<IrStmt> statements, LoopFlags? loop)
    {
        var output = new List<IrStmt>();
        for (int i = 0; i < statements.Count; i++)
        {
            IrStmt statement = statements[i];
            output.AddRange(LowerStatement(statement, loop));
            IrExpr? guard = GuardAfter(statement, loop);
            if (guard is not null && i + 1 < statements.Count)
            {
                // Whatever follows a possible jump runs only if the jump was not taken.
                List<IrStmt> rest = LowerBlock(statements.Skip(i + 1).ToList(), loop);
                output.Add(new IfStmt(new UnaryExpr(UnaryOperator.Not, guard, NumericType.Bool), rest.ToEquatableArray(), EquatableArray<IrStmt>.Empty));
                break;
            }
        }

        return output;
    }

    private IEnumerable<IrStmt> LowerStatement(IrStmt statement, LoopFlags? loop)
    {
        switch (statement)
        {
            case BreakStmt:
                yield return Set(loop!.Skip ??= Flag("skip"));
                yield return Set(loop.Stop ??= Flag("stop"));
                break;
            case ContinueStmt:
                yield return Set(loop!.Skip ??= Flag("skip"));
                break;
            case ReturnStmt ret when ReferenceEquals(ret, _finalReturn):
                yield return ret;
                break;
            case ReturnStmt ret:
                _returnValue ??= NewLocal("returnValue", _returnType);
                yield return new AssignStmt(_returnValue, ret.Value);
                yield return Set(_returned ??= Flag("returned"));
                break;
            case IfStmt branch:
                yield return new IfStmt(branch.Condition, LowerBlock(branch.Then, loop).ToEquatableArray(), LowerBlock(branch.Else, loop).ToEquatableArray());
                break;
            case ForStmt forLoop when Jumps(forLoop.Body):
                foreach (IrStmt lowered in LowerFor(forLoop))
                {
                    yield return lowered;
                }

                break;
            case ForStmt forLoop:
                // No jump leaves this loop, but loops nested in it may have their own.
                yield return forLoop with { Body = LowerBlock(forLoop.Body, new LoopFlags()).ToEquatableArray() };
                break;
            case WhileStmt whileLoop:
                foreach (IrStmt lowered in LowerWhile(whileLoop.Condition, whileLoop.Body, [], whileLoop.IsDoWhile))
                {
                    yield return lowered;
                }

                break;
            default:
                yield return statement;
                break;
        }
    }

    private IEnumerable<IrStmt> LowerFor(ForStmt loop)
    {
        // A loop that can end early needs its exit in the condition: a while loop over the same index.
        var index = new VariableExpr(loop.Index, NumericType.Int);
        yield return new AssignStmt(index, loop.Start);
        IrExpr condition = new BinaryExpr(loop.Condition, index, loop.Bound, NumericType.Bool);
        IrStmt step = new AssignStmt(index, new BinaryExpr(BinaryOperator.Add, index, new ConstantExpr(loop.Step, NumericType.Int), NumericType.Int));
        foreach (IrStmt lowered in LowerWhile(condition, loop.Body, [step], isDoWhile: false))
        {
            yield return lowered;
        }
    }

    private IEnumerable<IrStmt> LowerWhile(IrExpr condition, IReadOnlyList<IrStmt> body, IrStmt[] afterBody, bool isDoWhile)
    {
        var flags = new LoopFlags();
        var loweredBody = new List<IrStmt>();
        List<IrStmt> inner = LowerBlock(body, flags);
        if (flags.Skip is not null)
        {
            loweredBody.Add(Clear(flags.Skip));
        }

        loweredBody.AddRange(inner);
        loweredBody.AddRange(afterBody);
        if (flags.Stop is not null)
        {
            condition = And(condition, Not(flags.Stop));

            // The loop may run again inside an outer loop: each run starts with the flag clear.
            yield return Clear(flags.Stop);
        }

        if (_returned is not null && IrWalker.AllStatements(body).Any(s => s is ReturnStmt))
        {
            condition = And(condition, Not(_returned));
        }

        yield return new WhileStmt(condition, loweredBody.ToEquatableArray(), isDoWhile);
    }

    private IrExpr? GuardAfter(IrStmt statement, LoopFlags? loop)
    {
        IrStmt[] inside = IrWalker.AllStatements([statement]).ToArray();
        bool loopJump = loop is not null && JumpsOutOf(statement);
        bool returns = inside.Any(s => s is ReturnStmt && !ReferenceEquals(s, _finalReturn));
        IrExpr? guard = null;
        if (loopJump && loop!.Skip is not null)
        {
            guard = loop.Skip;
        }

        if (returns && _returned is not null)
        {
            guard = guard is null ? _returned : new BinaryExpr(BinaryOperator.Or, guard, _returned, NumericType.Bool);
        }

        return guard;
    }

    /// <summary>Whether a break or continue in <paramref name="statement"/> targets the enclosing loop (not a nested one).</summary>
    private static bool JumpsOutOf(IrStmt statement) => statement switch
    {
        BreakStmt or ContinueStmt => true,
        IfStmt branch => branch.Then.Any(JumpsOutOf) || branch.Else.Any(JumpsOutOf),
        _ => false,
    };

    private static bool Jumps(IEnumerable<IrStmt> body)
        => body.Any(JumpsOutOf) || IrWalker.AllStatements(body).Any(s => s is ReturnStmt);

    private VariableExpr Flag(string name) => NewLocal(name, NumericType.Bool);

    private VariableExpr NewLocal(string name, NumericType type)
    {
        var local = new VariableExpr(_names.Fresh(name), type);
        _locals.Add(new IrLocal(local.Name, type));
        return local;
    }

    private static AssignStmt Set(VariableExpr flag) => new(flag, new ConstantExpr(1, NumericType.Bool));

    private static AssignStmt Clear(VariableExpr flag) => new(flag, new ConstantExpr(0, NumericType.Bool));

    private static IrExpr Not(IrExpr value) => new UnaryExpr(UnaryOperator.Not, value, NumericType.Bool);

    private static IrExpr And(IrExpr a, IrExpr b) => new BinaryExpr(BinaryOperator.And, a, b, NumericType.Bool);
}
