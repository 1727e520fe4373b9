using System.Globalization;

namespace SharpGrad;

/// <summary>
/// Shape checks for the entry of a layer or model (PyTorch: "mat1 and mat2 shapes cannot be multiplied (32x5 and
/// 4x16)"). Each returns the checked size, so a <c>[Differentiable]</c> method can call it as the first statement
/// (<c>int rows = Shapes.Matrix(x.Length, y.Length, Inputs, "Linear", "x");</c>) and its generated companion checks
/// the same way; each throws an <see cref="ArgumentException"/> naming the layer, the argument, and the expected
/// and actual shapes.
/// </summary>
public static class Shapes
{
    /// <summary>Requires a vector of exactly <paramref name="expected"/> values.</summary>
    /// <param name="length">The argument's length.</param>
    /// <param name="expected">The length the layer needs.</param>
    /// <param name="layer">The layer, as messages name it (<c>"Linear(4, 16)"</c>).</param>
    /// <param name="argument">The argument's name.</param>
    /// <returns><paramref name="length"/>.</returns>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    public static int Length(int length, int expected, string layer, string argument)
        => length == expected
            ? length
            : throw new ArgumentException(Text($"{layer}: '{argument}' has shape [{length}], expected [{expected}]."), argument);

    /// <summary>
    /// Requires one sample of a linear layer's <paramref name="inFeatures"/> inputs; returns it. The message gives
    /// both shapes, as PyTorch's "mat1 and mat2 shapes cannot be multiplied".
    /// </summary>
    /// <param name="length">The sample's length.</param>
    /// <param name="inFeatures">The layer's input width.</param>
    /// <param name="outFeatures">The layer's output width.</param>
    /// <param name="layer">The layer, as messages name it.</param>
    /// <param name="argument">The argument's name.</param>
    /// <returns><paramref name="length"/>.</returns>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    public static int Features(int length, int inFeatures, int outFeatures, string layer, string argument)
        => length == inFeatures
            ? length
            : throw new ArgumentException(Text($"{layer}(in_features={inFeatures}, out_features={outFeatures}): '{argument}' has {length} features, expected {inFeatures} (shapes [{length}] and [{outFeatures}, {inFeatures}] cannot be multiplied)."), argument);

    /// <summary>Requires a row-major batch of rows of <paramref name="columns"/> values each; returns the number of rows.</summary>
    /// <param name="length">The argument's length.</param>
    /// <param name="columns">The values per row (the layer's input features).</param>
    /// <param name="layer">The layer, as messages name it.</param>
    /// <param name="argument">The argument's name.</param>
    /// <returns><paramref name="length"/> / <paramref name="columns"/>.</returns>
    /// <exception cref="ArgumentException">The length is not a positive multiple of <paramref name="columns"/>.</exception>
    public static int Rows(int length, int columns, string layer, string argument)
        => columns > 0 && length > 0 && length % columns == 0
            ? length / columns
            : throw new ArgumentException(Text($"{layer}: '{argument}' has {length} values, which is not a batch of rows of {columns} (expected shape [N, {columns}])."), argument);

    /// <summary>Requires a row-major matrix of <paramref name="rows"/> rows (a loss's input, one row per label); returns its width.</summary>
    /// <param name="length">The argument's length.</param>
    /// <param name="rows">The number of rows (labels).</param>
    /// <param name="layer">The loss or layer, as messages name it.</param>
    /// <param name="argument">The argument's name.</param>
    /// <returns><paramref name="length"/> / <paramref name="rows"/>.</returns>
    /// <exception cref="ArgumentException">There are no rows, or the length is not a positive multiple of them.</exception>
    public static int Columns(int length, int rows, string layer, string argument)
        => rows > 0 && length > 0 && length % rows == 0
            ? length / rows
            : throw new ArgumentException(Text($"{layer}: '{argument}' has {length} values, which is not {rows} rows (one per target; expected shape [{rows}, C])."), argument);

    /// <summary>
    /// Requires a row-major <paramref name="rows"/> x <paramref name="columns"/> matrix (a batch whose size is known,
    /// for example from the targets); returns <paramref name="rows"/>. A wrong width is reported as PyTorch does:
    /// the actual shape against the expected one.
    /// </summary>
    /// <param name="length">The argument's length.</param>
    /// <param name="rows">The batch size.</param>
    /// <param name="columns">The values per row.</param>
    /// <param name="layer">The layer, as messages name it.</param>
    /// <param name="argument">The argument's name.</param>
    /// <returns><paramref name="rows"/>.</returns>
    /// <exception cref="ArgumentException">The length is not <paramref name="rows"/> x <paramref name="columns"/>.</exception>
    public static int Matrix(int length, int rows, int columns, string layer, string argument)
    {
        if (rows > 0 && (long)rows * columns == length)
        {
            return rows;
        }

        string actual = rows > 0 && length % rows == 0 ? $"[{rows}, {length / rows}]" : $"{length} values";
        throw new ArgumentException(Text($"{layer}: '{argument}' has shape {actual}, expected [{rows}, {columns}] ({rows} rows of {columns} features)."), argument);
    }

    /// <summary>
    /// Requires <paramref name="channels"/> square images of side s (a flat <c>[channels, s, s]</c> sample); returns s.
    /// </summary>
    /// <param name="length">The argument's length.</param>
    /// <param name="channels">The channels the layer takes.</param>
    /// <param name="layer">The layer, as messages name it.</param>
    /// <param name="argument">The argument's name.</param>
    /// <returns>The side s.</returns>
    /// <exception cref="ArgumentException">The length is not <paramref name="channels"/> · s² for any s ≥ 1.</exception>
    public static int SquareSide(int length, int channels, string layer, string argument)
    {
        if (channels > 0 && length > 0 && length % channels == 0)
        {
            int area = length / channels;
            int side = (int)Math.Round(Math.Sqrt(area));
            if (side * side == area)
            {
                return side;
            }
        }

        throw new ArgumentException(Text($"{layer}: '{argument}' has {length} values, which is not an image of shape [{channels}, H, H] ({channels} channels of a square side)."), argument);
    }

    /// <summary>
    /// The output height or width of a sliding window (convolution, pooling) over <paramref name="size"/>:
    /// ⌊(size + 2·padding − kernelSize) / stride⌋ + 1; throws when the padded input is smaller than the kernel.
    /// </summary>
    /// <param name="size">The input height or width.</param>
    /// <param name="kernelSize">The window's height or width.</param>
    /// <param name="stride">The step between windows.</param>
    /// <param name="padding">Rows or columns added on each side.</param>
    /// <param name="layer">The layer, as messages name it.</param>
    /// <param name="argument">The argument's name.</param>
    /// <returns>The output size, at least 1.</returns>
    /// <exception cref="ArgumentException">The padded input is smaller than the kernel.</exception>
    public static int Window(int size, int kernelSize, int stride, int padding, string layer, string argument)
    {
        int padded = size + (2 * padding);
        return padded >= kernelSize && stride > 0
            ? ((padded - kernelSize) / stride) + 1
            : throw new ArgumentException(Text($"{layer}: '{argument}' is {size} wide (padded to {padded}), smaller than the kernel size {kernelSize}."), argument);
    }

    /// <summary>Requires a class label in [0, <paramref name="classes"/>); returns it.</summary>
    /// <param name="label">The label.</param>
    /// <param name="index">Its position in the batch, for the message.</param>
    /// <param name="classes">The number of classes.</param>
    /// <param name="layer">The loss or layer, as messages name it.</param>
    /// <returns><paramref name="label"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The label is out of range.</exception>
    public static int ClassIndex(int label, int index, int classes, string layer)
        => label >= 0 && label < classes
            ? label
            : throw new ArgumentOutOfRangeException("target", label, Text($"{layer}: target {label} at index {index} is out of range for {classes} classes (labels are 0 to {classes - 1})."));

    private static string Text(FormattableString message) => message.ToString(CultureInfo.InvariantCulture);
}
