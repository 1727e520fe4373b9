using System.Collections.Generic;
using System.Linq;
using SharpGrad.Generator.Helpers;
using SharpGrad.Generator.Ir;
using static SharpGrad.Generator.Differentiation.Build;

namespace SharpGrad.Generator.Differentiation;

/// <summary>
/// Calls that write outputs (<see cref="CallStmt"/>): <c>h = Layer(x, w, h)</c> in effect. The forward sweep
/// records the outputs' previous contents (and the result's, and any slice bounds it cannot evaluate again)
/// before the call. The reverse sweep puts them back, then calls the callee's companion on a copy of them with
/// the outputs' adjoints as seeds: it adds into the adjoints of the callee's inputs, and gives back the
/// adjoint of the outputs' previous contents, which replaces the outputs' adjoints. Per-sample calls in a
/// loop take this path once per iteration.
/// </summary>
internal sealed partial class ReverseModeTransform
{
    /// <summary>What the reverse sweep decided for a call; the forward sweep, emitted after it, follows the same plan.</summary>
    private sealed record CallPlan(bool RecordResult, bool RecordOutputs, int[] PinnedSlices);

    private readonly Dictionary<CallStmt, CallPlan> _callPlans = new(ReferenceComparer<CallStmt>.Instance);

    private void ForwardCall(CallStmt statement, List<IrStmt> output)
    {
        if (!_callPlans.TryGetValue(statement, out CallPlan? plan))
        {
            output.Add(statement); // nothing in the reverse sweep depends on it
            return;
        }

        IrExpr[] arguments = statement.Call.Arguments.ToArray();
        var pinned = new List<VariableExpr>();
        foreach (int i in plan.PinnedSlices)
        {
            // A slice bound the reverse sweep could not evaluate again: fix it in locals, recorded after the call.
            var slice = (SliceExpr)arguments[i];
            var offset = new VariableExpr(Temporary(), NumericType.Int);
            var length = new VariableExpr(Temporary(), NumericType.Int);
            output.Add(new DeclareStmt(offset.Name, NumericType.Int, slice.Offset));
            output.Add(new DeclareStmt(length.Name, NumericType.Int, slice.Length));
            arguments[i] = slice with { Offset = offset, Length = length };
            pinned.Add(offset);
            pinned.Add(length);
        }

        DifferentiableCallExpr call = statement.Call with { Arguments = arguments.ToEquatableArray() };
        if (plan.RecordResult)
        {
            output.Add(new TapePushStmt(statement.Result!));
        }

        if (plan.RecordOutputs)
        {
            foreach (IrExpr view in OutputViews(call))
            {
                output.Add(new CommentStmt("record " + IrPrinter.Print(view) + " before " + ShortName(call.Method) + " overwrites it"));
                output.Add(ElementLoop(view, forward: true, element => new TapePushStmt(element)));
            }
        }

        output.Add(statement with { Call = call });
        output.AddRange(pinned.Select(p => new TapePushStmt(p)));
    }

    private void ReverseCall(CallStmt statement, List<IrStmt> output)
    {
        DifferentiableCallExpr call = statement.Call;
        IrExpr[] arguments = call.Arguments.ToArray();
        IrExpr[] views = OutputViews(call).ToArray();
        bool active = views.Any(v => _activity.IsActive(ArrayView.BaseOf(v))) || (statement.Result is not null && _activity.IsActive(statement.Result.Name));
        // Decided in probing passes too (from the reads found so far): the restores read bounds of their own.
        bool recordResult = statement.Result is not null && IsReadBefore(statement, statement.Result.Name);
        bool recordOutputs = active || views.Any(v => IsReadBefore(statement, ArrayView.BaseOf(v)));
        int[] pinnedSlices = recordOutputs || active
            ? Enumerable.Range(0, arguments.Length).Where(i => arguments[i] is SliceExpr slice && !(_replayable.IsReplayable(slice.Offset) && _replayable.IsReplayable(slice.Length))).ToArray()
            : [];
        if (!_probing && (recordResult || recordOutputs || pinnedSlices.Length > 0))
        {
            _callPlans[statement] = new CallPlan(recordResult, recordOutputs, pinnedSlices);
        }

        if (!active && !recordResult && !recordOutputs)
        {
            return;
        }

        output.Add(new CommentStmt("reverse of: " + (statement.Result is null ? string.Empty : statement.Result.Name + " = ") + IrPrinter.Print(call)));
        foreach (int i in pinnedSlices.Reverse())
        {
            var slice = (SliceExpr)arguments[i];
            var length = new VariableExpr(Temporary(), NumericType.Int);
            var offset = new VariableExpr(Temporary(), NumericType.Int);
            output.Add(new DeclareStmt(length.Name, NumericType.Int, new TapePopExpr(NumericType.Int)));
            output.Add(new DeclareStmt(offset.Name, NumericType.Int, new TapePopExpr(NumericType.Int)));
            arguments[i] = slice with { Offset = offset, Length = length };
        }

        call = call with { Arguments = arguments.ToEquatableArray() };
        views = OutputViews(call).ToArray();

        // A backward method reads the outputs as the call left them: it runs before their previous contents come back.
        bool backward = active && call.BackwardMethod is not null;
        if (backward)
        {
            CallCompanion(call, statement.Result, output, backward: true);
        }

        if (recordOutputs)
        {
            foreach (IrExpr view in views.Reverse())
            {
                output.Add(ElementLoop(view, forward: false, element => new AssignStmt(element, new TapePopExpr(element.Type))));
            }
        }

        if (recordResult)
        {
            output.Add(new AssignStmt(statement.Result!, new TapePopExpr(statement.Result!.Type)));
        }

        if (active && !backward)
        {
            CallCompanion(call, statement.Result, output, backward: false);
        }
    }

    /// <summary>
    /// The companion call itself, seeded with the outputs' adjoints: on copies of the outputs' previous contents, which
    /// it overwrites as the call did, or, for the callee's <paramref name="backward"/> method, on the outputs themselves,
    /// which still hold what the call wrote.
    /// </summary>
    private void CallCompanion(DifferentiableCallExpr call, VariableExpr? result, List<IrStmt> output, bool backward)
    {
        int start = output.Count;
        IrExpr[] arguments = call.Arguments.ToArray();
        var seeds = new List<IrExpr>();
        var initials = new List<IrExpr>();
        for (int i = 0; i < arguments.Length; i++)
        {
            if (!call.IsOutput(i))
            {
                continue;
            }

            IrExpr view = arguments[i];
            NumericType type = view.Type;
            string array = ArrayView.BaseOf(view);
            if (!backward)
            {
                string copy = Temporary();
                output.Add(new AllocateStmt(copy, type, ArrayView.LengthOf(view)));
                output.Add(new CopyStmt(ArrayView.AsWritable(view, writable: false), new ArrayRefExpr(copy, type)));
                arguments[i] = new ArrayRefExpr(copy, type);
            }

            string seed = Temporary();
            output.Add(new AllocateStmt(seed, type, ArrayView.LengthOf(view)));
            seeds.Add(new ArrayRefExpr(seed, type));
            if (_activity.IsActive(array))
            {
                // The seed is the outputs' adjoint; the adjoint then becomes that of the contents before the call.
                IrExpr adjoint = ArrayView.Over(view, _arrayAdjoints[array], writable: true);
                output.Add(new CopyStmt(ArrayView.AsWritable(adjoint, writable: false), new ArrayRefExpr(seed, type)));
                output.Add(new ClearStmt(adjoint));
                initials.Add(adjoint);
            }
            else
            {
                initials.Add(new ArrayRefExpr(seed, type)); // zeros in, zeros out: nothing uses these outputs
            }
        }

        IrExpr? scalarSeed = null;
        if (!call.ReturnsVoid)
        {
            scalarSeed = result is not null && _activity.IsActive(result.Name) ? AdjointOf(result) : Const(0, call.Type);
        }

        string method = backward ? call.BackwardMethod! : call.GradientMethod;
        output.Add(new CommentStmt("d/dargs " + IrPrinter.Print(call) + ": through " + method.Split('.').Last()
            + (backward ? ", on the outputs the call wrote, seeded with their adjoints" : ", seeded with the outputs' adjoints")));
        // A module call whose differentiated arguments carry no derivative (a first layer's input) needs only its
        // parameters' gradients: the callee's companion without gradient buffers, not scratch buffers filled for nothing.
        List<(IrExpr Argument, VariableExpr Gradient)> scalars = [];
        List<IrExpr> gradients = NeedsOnlyParameters(call) ? [] : GradientArguments(call, output, out scalars);
        output.Add(new GradientCallStmt(method, arguments.ToEquatableArray(), call.PassedIn, gradients.ToEquatableArray(), scalarSeed, seeds.ToEquatableArray(), initials.ToEquatableArray()));
        RentWithin(output, start);
        if (scalarSeed is VariableExpr adjointOfResult)
        {
            output.Add(new AssignStmt(adjointOfResult, Const(0, adjointOfResult.Type)));
        }

        foreach ((IrExpr argument, VariableExpr gradient) in scalars)
        {
            Propagate(argument, gradient, output);
        }
    }

    /// <summary>
    /// The arrays allocated in <paramref name="output"/> from <paramref name="start"/> on (copies, seeds, scratch
    /// gradients of one call) come from the scratch arena and go back to it right after the call: a per-sample
    /// call in a loop then allocates nothing once the arena has grown to fit.
    /// </summary>
    private void RentWithin(List<IrStmt> output, int start)
    {
        var elements = new List<NumericType>();
        for (int i = start; i < output.Count; i++)
        {
            if (output[i] is AllocateStmt { Rented: false } allocate)
            {
                output[i] = allocate with { Rented = true };
                if (!elements.Contains(allocate.ElementType))
                {
                    elements.Add(allocate.ElementType);
                }
            }
        }

        foreach (NumericType element in elements)
        {
            string mark = Temporary();
            output.Insert(start, new ScratchMarkStmt(mark, element));
            output.Add(new ScratchReleaseStmt(mark, element));
        }
    }

    /// <summary>Whether the reverse sweep reads <paramref name="name"/> on behalf of a statement that can run before <paramref name="statement"/>.</summary>
    private bool IsReadBefore(IrStmt statement, string name)
        => _reverseReads.TryGetValue(name, out HashSet<IrStmt>? readers) && readers.Any(reader => _index.CanPrecede(reader, statement));

    private static IEnumerable<IrExpr> OutputViews(DifferentiableCallExpr call)
        => call.Arguments.Where((_, i) => call.IsOutput(i));

    /// <summary><c>for (k = 0; k &lt; length; k++) body(array[offset + k])</c>, or from the end when not <paramref name="forward"/>.</summary>
    private ForStmt ElementLoop(IrExpr view, bool forward, System.Func<ElementExpr, IrStmt> body)
    {
        string k = Temporary();
        _extraLocals.Add(new IrLocal(k, NumericType.Int));
        var index = new VariableExpr(k, NumericType.Int);
        IrExpr offset = ArrayView.OffsetOf(view);
        IrExpr position = offset is ConstantExpr { Value: 0 } ? index : Add(offset, index);
        var element = new ElementExpr(ArrayView.BaseOf(view), position, view.Type);
        IrExpr length = ArrayView.LengthOf(view);
        return forward
            ? new ForStmt(k, Const(0, NumericType.Int), BinaryOperator.Less, length, 1, EquatableArray.Create(body(element)))
            : new ForStmt(k, Sub(length, Const(1, NumericType.Int)), BinaryOperator.GreaterOrEqual, Const(0, NumericType.Int), -1, EquatableArray.Create(body(element)));
    }

    private static string ShortName(string qualified)
    {
        string[] parts = qualified.Split('.');
        return parts.Length >= 2 ? parts[parts.Length - 2] + "." + parts[parts.Length - 1] : qualified;
    }
}
