using System.Numerics;

namespace SharpGrad.Nn;

public static partial class Functional
{
    /// <summary>
    /// The boundary check of <see cref="CrossEntropyLoss(ReadOnlySpan{double}, ReadOnlySpan{double})"/> and
    /// <see cref="NllLoss(ReadOnlySpan{double}, ReadOnlySpan{double})"/> (which cannot throw from generated code):
    /// an <see cref="ArgumentException"/> unless the scores are <c>labels.Length</c> rows of
    /// <paramref name="classes"/> and every label is a class index, naming the first bad label, its index and the
    /// number of classes (PyTorch: "Target 12 is out of bounds.").
    /// </summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="scores">The logits or log-probabilities, row-major <c>[count, classes]</c>.</param>
    /// <param name="labels">One class index per row.</param>
    /// <param name="classes">The number of classes.</param>
    /// <param name="loss">The loss named in the message.</param>
    public static void CheckClassIndices<T>(ReadOnlySpan<T> scores, ReadOnlySpan<T> labels, int classes, string loss = "CrossEntropyLoss")
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        BoundaryChecks.RequireRows(loss, nameof(scores), labels.Length, classes, scores.Length);
        BoundaryChecks.RequireClassIndices(loss, nameof(labels), labels, classes);
    }

    /// <summary>
    /// The label check alone: an <see cref="ArgumentException"/> naming the first label that is not a class index in
    /// [0, <paramref name="classes"/>), its index and the number of classes.
    /// </summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="labels">One class index per sample.</param>
    /// <param name="classes">The number of classes.</param>
    /// <param name="loss">The loss named in the message.</param>
    public static void CheckClassIndices<T>(ReadOnlySpan<T> labels, int classes, string loss = "CrossEntropyLoss")
        where T : unmanaged, IFloatingPointIeee754<T>
        => BoundaryChecks.RequireClassIndices(loss, nameof(labels), labels, classes);
}
