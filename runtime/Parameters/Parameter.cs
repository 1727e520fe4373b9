using System.Numerics;

namespace SharpGrad;

/// <summary>
/// A named, trainable tensor: a shape, contiguous values and a gradient buffer of the same shape
/// (PyTorch: <c>torch.nn.Parameter</c> with its <c>.data</c> and <c>.grad</c>).
/// </summary>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
public sealed class Parameter<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T[] _data;
    private readonly T[] _grad;
    private readonly int[] _shape;

    /// <summary>Creates a zero-initialized parameter.</summary>
    /// <param name="name">A name that identifies the parameter in messages and checkpoints.</param>
    /// <param name="shape">The dimensions; each must be positive.</param>
    public Parameter(string name, params int[] shape)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(shape);
        if (shape.Length == 0)
        {
            throw new ArgumentException($"Parameter '{name}' needs at least one dimension.", nameof(shape));
        }

        long length = 1;
        for (int i = 0; i < shape.Length; i++)
        {
            if (shape[i] <= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(shape), $"Parameter '{name}': dimension {i} is {shape[i]}; every dimension must be positive.");
            }

            length *= shape[i];
        }

        if (length > Array.MaxLength)
        {
            throw new ArgumentOutOfRangeException(nameof(shape), $"Parameter '{name}' would hold {length} elements, more than an array can.");
        }

        Name = name;
        _shape = (int[])shape.Clone();
        _data = new T[length];
        _grad = new T[length];
    }

    /// <summary>A one-dimensional parameter over <paramref name="array"/> itself (not a copy): a module's plain array parameter.</summary>
    internal Parameter(string name, T[] array, bool shareArray)
    {
        _ = shareArray;
        Name = name;
        _shape = [array.Length];
        _data = array;
        _grad = new T[array.Length];
    }

    /// <summary>Creates a parameter holding a copy of <paramref name="values"/>.</summary>
    public Parameter(string name, ReadOnlySpan<T> values, params int[] shape)
        : this(name, shape)
    {
        if (values.Length != _data.Length)
        {
            throw new ArgumentException($"Parameter '{name}' has shape [{string.Join(", ", shape)}] ({_data.Length} elements) but {values.Length} values were given.", nameof(values));
        }

        values.CopyTo(_data);
    }

    /// <summary>
    /// The parameter's name. <see cref="Module{T}.Parameters"/> sets it to the parameter's dotted path in the
    /// module (<c>fc1.weight</c>), so optimizer state and checkpoints key it by that path.
    /// </summary>
    public string Name { get; internal set; }

    /// <summary>The dimensions, outermost first.</summary>
    public ReadOnlySpan<int> Shape => _shape;

    /// <summary>The number of elements.</summary>
    public int Length => _data.Length;

    /// <summary>The values, row-major (PyTorch: <c>.data</c>).</summary>
    public Span<T> Data => _data;

    /// <summary>The value at <paramref name="index"/> of <see cref="Data"/> (row-major); a <c>[Differentiable]</c> method of a module reads parameters this way.</summary>
    /// <param name="index">The flat, row-major index.</param>
    public ref T this[int index] => ref _data[index];

    /// <summary>The accumulated gradient, same layout as <see cref="Data"/> (PyTorch: <c>.grad</c>).</summary>
    public Span<T> Grad => _grad;

    /// <summary>Whether optimizers update this parameter (PyTorch: <c>requires_grad</c>).</summary>
    public bool RequiresGrad { get; set; } = true;

    /// <summary>Whether <see cref="Data"/> is <paramref name="array"/> itself.</summary>
    internal bool Shares(T[] array) => ReferenceEquals(_data, array);

    /// <summary>Sets the gradient to zero (PyTorch: <c>zero_grad()</c>; SharpGrad keeps the buffer instead of setting it to <c>None</c>).</summary>
    public void ZeroGrad() => _grad.AsSpan().Clear();

    /// <summary>The shape written as <c>[d0, d1, ...]</c>, for messages.</summary>
    public string ShapeText => "[" + string.Join(", ", _shape) + "]";

    /// <inheritdoc/>
    public override string ToString() => $"{Name} {ShapeText}";
}
