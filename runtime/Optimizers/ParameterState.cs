using System.Numerics;

namespace SharpGrad.Optimizers;

/// <summary>
/// What an optimizer remembers about one parameter between steps (PyTorch: <c>optimizer.state[p]</c>):
/// a step count and named buffers of the parameter's length, such as Adam's <c>exp_avg</c>.
/// </summary>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
public sealed class ParameterState<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Dictionary<string, T[]> _buffers = new(StringComparer.Ordinal);

    internal ParameterState(int length) => Length = length;

    /// <summary>The length of every buffer: the parameter's element count.</summary>
    public int Length { get; }

    /// <summary>How many updates this parameter has had (<c>state['step']</c>); optimizers without one leave it at 0.</summary>
    public long Step { get; set; }

    /// <summary>The buffers by PyTorch's state name.</summary>
    public IReadOnlyDictionary<string, T[]> Buffers => _buffers;

    /// <summary>Whether nothing has been recorded yet (a fresh parameter).</summary>
    public bool IsEmpty => Step == 0 && _buffers.Count == 0;

    /// <summary>The buffer called <paramref name="name"/>, or null when it has not been created.</summary>
    public T[]? FindBuffer(string name) => _buffers.GetValueOrDefault(name);

    /// <summary>The buffer called <paramref name="name"/>, created filled with <paramref name="initialValue"/> if missing.</summary>
    public T[] GetOrAddBuffer(string name, T initialValue)
    {
        if (!_buffers.TryGetValue(name, out T[]? buffer))
        {
            buffer = new T[Length];
            if (initialValue != T.Zero)
            {
                Array.Fill(buffer, initialValue);
            }

            _buffers.Add(name, buffer);
        }

        return buffer;
    }

    /// <summary>Adds a restored buffer; the caller has checked its length.</summary>
    internal void SetBuffer(string name, T[] values) => _buffers[name] = values;
}
