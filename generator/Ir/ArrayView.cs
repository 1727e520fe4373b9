namespace SharpGrad.Generator.Ir;

/// <summary>
/// An array argument as a view (array, offset, length): a whole array (<see cref="ArrayRefExpr"/>) is the view
/// from 0 over its length, a <see cref="SliceExpr"/> the part it names. The call transforms work on views, so
/// whole arrays and slices take one path.
/// </summary>
internal static class ArrayView
{
    public static bool IsView(IrExpr expression) => expression is ArrayRefExpr or SliceExpr;

    /// <summary>The array or span the view is part of.</summary>
    public static string BaseOf(IrExpr view) => view switch
    {
        ArrayRefExpr array => array.Array,
        SliceExpr slice => slice.Array,
        _ => string.Empty,
    };

    public static IrExpr OffsetOf(IrExpr view) => view is SliceExpr slice ? slice.Offset : ConstantExpr.Zero(NumericType.Int);

    public static IrExpr LengthOf(IrExpr view) => view is SliceExpr slice ? slice.Length : new LengthExpr(BaseOf(view));

    /// <summary>The same part of another array of the same length (an adjoint, a saved copy).</summary>
    public static IrExpr Over(IrExpr view, string array, bool writable) => view switch
    {
        SliceExpr slice => slice with { Array = array, Writable = writable },
        _ => new ArrayRefExpr(array, view.Type),
    };

    /// <summary>The view printed as writable (a <c>Span&lt;T&gt;</c>) or read-only.</summary>
    public static IrExpr AsWritable(IrExpr view, bool writable) => view is SliceExpr slice ? slice with { Writable = writable } : view;
}
