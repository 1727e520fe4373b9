using System.Numerics;

namespace SharpGrad.Nn;

/// <summary>The shape checks the layers make at the boundary, with PyTorch-style messages that also name the layer.</summary>
internal static class BoundaryChecks
{
    /// <summary>
    /// Throws unless <paramref name="length"/> values are <paramref name="count"/> rows of <paramref name="width"/>
    /// (PyTorch: "mat1 and mat2 shapes cannot be multiplied (32x5 and 4x16)").
    /// </summary>
    public static void RequireRows(string layer, string parameter, int count, int width, int length)
    {
        if (count <= 0 || length != (long)count * width)
        {
            string actual = count > 0 && length % count == 0 ? $"[{count}, {length / count}]" : $"{length} values, not {count} whole rows";
            throw new ArgumentException($"{layer} expects an input of shape [{count}, {width}] ({count} rows of {width}), but got {actual}.", parameter);
        }
    }

    /// <summary>Throws unless every label is a whole number in [0, <paramref name="classes"/>), naming the first that is not and its index.</summary>
    public static void RequireClassIndices<T>(string layer, string parameter, ReadOnlySpan<T> labels, int classes)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < labels.Length; i++)
        {
            double label = double.CreateChecked(labels[i]);
            if (!(label >= 0 && label < classes && label == Math.Floor(label)))
            {
                throw new ArgumentException($"{layer}: label {label} at index {i} is not a class index in [0, {classes}) ({classes} classes).", parameter);
            }
        }
    }
}
