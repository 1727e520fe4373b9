using System.Collections.Generic;
using System.Linq;
using SharpGrad.Generator.Ir;

namespace SharpGrad.Generator.Loops;

/// <summary>What each scalar a loop writes is to its iterations.</summary>
internal enum ScalarRole
{
    /// <summary>Summed into by + or - and read nowhere else in the loop: a reduction.</summary>
    Reduction,

    /// <summary>Assigned at the body's top level before any read: each iteration has its own.</summary>
    Private,

    /// <summary>Read as zero (its value on entry) and set back to zero at the end of the body: an iteration's adjoint.</summary>
    Reset,
}

/// <summary>
/// The analysis of one innermost unit-step <c>for</c> loop for vectorization: it is a map (iterations independent)
/// or a map with + reductions into scalars, when its body is assignments, declarations and branches on loop-invariant
/// conditions, values chosen by such a condition or lane by lane by comparisons, every element access is <c>a[i + c]</c> with <c>c</c> invariant, each array it writes is written
/// and read at one offset only (so iteration <c>i</c> touches only its own element of it) and is one the caller
/// allows (<c>writable</c>: arrays that share memory with nothing else the loop reads), every value is of one
/// element type (float or double) and only operations with a vector counterpart occur. Anything else: null.
/// </summary>
internal sealed record LoopShape(
    LoopRange Range,
    NumericType ElementType,
    IReadOnlyList<(string Array, IrExpr Offset, bool Written)> Accesses,
    IReadOnlyDictionary<string, ScalarRole> Scalars,
    IReadOnlyList<string> Invariants,
    IReadOnlyList<string> Declared)
{
    /// <summary>The math functions a vectorized loop can call (VectorMath or the vector types' own).</summary>
    public static readonly HashSet<MathFunction> VectorFunctions =
        [MathFunction.Exp, MathFunction.Log, MathFunction.Tanh, MathFunction.Sigmoid, MathFunction.Relu, MathFunction.Sqrt, MathFunction.Abs, MathFunction.Max, MathFunction.Min, MathFunction.FusedMultiplyAdd];

    public bool IsReduction => Scalars.Values.Contains(ScalarRole.Reduction);

    /// <summary>Whether <paramref name="method"/> is <c>float.IsNaN</c> or <c>double.IsNaN</c> (a derivative rule's NaN test).</summary>
    public static bool IsNaNMethod(string method) => method is "global::System.Single.IsNaN" or "global::System.Double.IsNaN";

    /// <summary>
    /// Whether <paramref name="condition"/> is the same for every iteration of a loop that changes
    /// <paramref name="changed"/> (its index and the scalars it writes or declares): then a vector loop branches on it once
    /// for all lanes; otherwise it is a per-lane mask.
    /// </summary>
    public static bool IsInvariant(IrExpr condition, ICollection<string> changed)
        => !IrWalker.VariablesRead(condition).Any(changed.Contains)
            && !IrWalker.Descendants(condition).Any(n => n is ElementExpr or TapePopExpr or CallExpr or DifferentiableCallExpr or ConstantCallExpr);

    public static LoopShape? Of(ForStmt loop, ISet<string> writable)
    {
        if (LoopRange.Of(loop) is not { } range || loop.Body.Count == 0)
        {
            return null;
        }

        var statements = IrWalker.AllStatements(loop.Body).ToList();
        if (statements.Any(s => s is not (AssignStmt or DeclareStmt or CommentStmt or IfStmt)))
        {
            return null;
        }

        var declared = statements.OfType<DeclareStmt>().Select(d => d.Name).ToList();
        var writtenScalars = new HashSet<string>(statements.OfType<AssignStmt>().Where(a => a.Target is VariableExpr).Select(a => ((VariableExpr)a.Target).Name));
        var writtenArrays = new HashSet<string>(statements.OfType<AssignStmt>().Where(a => a.Target is ElementExpr).Select(a => ((ElementExpr)a.Target).Array));
        if (writtenScalars.Contains(loop.Index) || declared.Distinct().Count() != declared.Count || declared.Any(writtenScalars.Contains)
            || !writtenArrays.All(writable.Contains))
        {
            return null;
        }

        var changed = new HashSet<string>(writtenScalars.Concat(declared).Append(loop.Index));
        bool Invariant(IrExpr e) => IsInvariant(e, changed);
        if (!Invariant(loop.Start) || !Invariant(loop.Bound) || !statements.OfType<IfStmt>().All(b => Invariant(b.Condition)))
        {
            return null;
        }

        // Value expressions: one element type, operations with a vector counterpart, unit-stride accesses.
        NumericType? type = null;
        var accesses = new List<(string Array, IrExpr Offset, bool Written)>();
        var invariants = new List<string>();
        bool Element(ElementExpr element, bool written)
        {
            if (AffineIndex.Of(element.Index, loop.Index) is not { Stride: 1 } affine || !Invariant(affine.Offset))
            {
                return false;
            }

            if (!accesses.Any(a => a.Array == element.Array && a.Offset == affine.Offset))
            {
                accesses.Add((element.Array, affine.Offset, written || writtenArrays.Contains(element.Array)));
            }

            return true;
        }

        bool Value(IrExpr e)
        {
            if (e.Type is not (NumericType.Float or NumericType.Double) || (type ??= e.Type) != e.Type)
            {
                return false;
            }

            switch (e)
            {
                case ConstantExpr:
                    return true;
                case VariableExpr variable:
                    if (!changed.Contains(variable.Name) && !invariants.Contains(variable.Name))
                    {
                        invariants.Add(variable.Name);
                    }

                    return variable.Name != loop.Index;
                case ElementExpr element:
                    return Element(element, written: false);
                case UnaryExpr { Operator: UnaryOperator.Negate } negate:
                    return Value(negate.Operand);
                case BinaryExpr { Operator: BinaryOperator.Add or BinaryOperator.Subtract or BinaryOperator.Multiply or BinaryOperator.Divide } binary:
                    return Value(binary.Left) && Value(binary.Right);
                case CallExpr call when VectorFunctions.Contains(call.Function):
                    return call.Arguments.All(Value);
                case ConditionalExpr conditional when Invariant(conditional.Condition) || Mask(conditional.Condition):
                    return Value(conditional.WhenTrue) && Value(conditional.WhenFalse);
                default:
                    return false;
            }
        }

        // A condition that varies by lane: comparisons of values, combined by &&, || and !, and IsNaN. It becomes a
        // mask, and the conditional a per-lane select that evaluates both values (neither can throw or write).
        bool Mask(IrExpr e) => e switch
        {
            BinaryExpr { Operator: BinaryOperator.Less or BinaryOperator.LessOrEqual or BinaryOperator.Greater or BinaryOperator.GreaterOrEqual or BinaryOperator.Equal or BinaryOperator.NotEqual } compare
                => Value(compare.Left) && Value(compare.Right),
            BinaryExpr { Operator: BinaryOperator.And or BinaryOperator.Or } logical => Mask(logical.Left) && Mask(logical.Right),
            UnaryExpr { Operator: UnaryOperator.Not } not => Mask(not.Operand),
            ConstantCallExpr { Arguments.Count: 1 } call when IsNaNMethod(call.Method) => Value(call.Arguments[0]),
            _ => false,
        };

        foreach (IrStmt statement in statements)
        {
            bool ok = statement switch
            {
                AssignStmt { Target: ElementExpr target } assign => Value(target) && Element(target, written: true) && Value(assign.Value),
                AssignStmt { Target: VariableExpr target } assign => Value(target) && Value(assign.Value),
                DeclareStmt declare => declare.Type == (type ??= declare.Type) && Value(declare.Value),
                _ => true,
            };
            if (!ok)
            {
                return null;
            }
        }

        // A written array is touched at one offset only, so iteration i reads and writes only its own element of it.
        if (accesses.Where(a => a.Written).GroupBy(a => a.Array).Any(g => accesses.Count(a => a.Array == g.Key) != 1))
        {
            return null;
        }

        var roles = new Dictionary<string, ScalarRole>();
        foreach (string scalar in writtenScalars)
        {
            ScalarRole? role = RoleOf(loop.Body, scalar);
            if (role is null)
            {
                return null;
            }

            roles[scalar] = role.Value;
        }

        return type is null ? null : new LoopShape(range, type.Value, accesses, roles, invariants, declared);
    }

    /// <summary>Whether <paramref name="scalar"/> is private, reset or a reduction in <paramref name="body"/>, or null.</summary>
    public static ScalarRole? RoleOf(IReadOnlyList<IrStmt> body, string scalar)
    {
        int first = FirstTouch(body, scalar);
        if (body[first] is AssignStmt { Kind: AssignKind.Set, Target: VariableExpr target } assign && target.Name == scalar
            && !IrWalker.VariablesRead(assign.Value).Contains(scalar))
        {
            return ScalarRole.Private;
        }

        int last = body.Count - 1;
        while (!Touches(body[last], scalar))
        {
            last--;
        }

        if (body[last] is AssignStmt { Kind: AssignKind.Set, Target: VariableExpr reset, Value: ConstantExpr { Value: 0 } } && reset.Name == scalar)
        {
            return ScalarRole.Reset;
        }

        // A reduction: every statement that touches it is one accumulation, and nothing else reads it.
        foreach (IrStmt statement in IrWalker.AllStatements(body))
        {
            if (statement is IfStmt || !Touches(statement, scalar))
            {
                continue;
            }

            if (Accumulated(statement, scalar) is not { } term || IrWalker.VariablesRead(term).Contains(scalar))
            {
                return null;
            }
        }

        return ScalarRole.Reduction;
    }

    /// <summary>The term <c>E</c> of <c>s = s + E</c>, <c>s = s - E</c>, <c>s += E</c> (negated forms too), or null.</summary>
    public static IrExpr? Accumulated(IrStmt statement, string scalar) => statement switch
    {
        AssignStmt { Kind: AssignKind.Add, Target: VariableExpr t } a when t.Name == scalar => a.Value,
        AssignStmt { Kind: AssignKind.Set, Target: VariableExpr t, Value: BinaryExpr { Operator: BinaryOperator.Add or BinaryOperator.Subtract, Left: VariableExpr l } b } when t.Name == scalar && l.Name == scalar => b.Right,
        _ => null,
    };

    private static int FirstTouch(IReadOnlyList<IrStmt> body, string scalar)
    {
        int k = 0;
        while (!Touches(body[k], scalar))
        {
            k++;
        }

        return k;
    }

    /// <summary>Whether <paramref name="statement"/> (or anything inside it) reads or writes <paramref name="scalar"/>.</summary>
    public static bool Touches(IrStmt statement, string scalar)
        => IrWalker.AllStatements([statement]).Any(s =>
            (s is AssignStmt { Target: VariableExpr t } && t.Name == scalar)
            || IrWalker.ExpressionsOf(s).SelectMany(IrWalker.VariablesRead).Contains(scalar));
}
