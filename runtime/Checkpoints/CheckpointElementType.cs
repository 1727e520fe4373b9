namespace SharpGrad.Checkpoints;

/// <summary>The element-type codes of the checkpoint format (byte 10 of the header).</summary>
internal static class CheckpointElementType
{
    public const byte Float32 = 1;
    public const byte Float64 = 2;
    public const byte Float16 = 3;

    /// <summary>The code of <typeparamref name="T"/>, or 0 when checkpoints do not support it.</summary>
    public static byte Of<T>() =>
        typeof(T) == typeof(float) ? Float32
        : typeof(T) == typeof(double) ? Float64
        : typeof(T) == typeof(Half) ? Float16
        : (byte)0;

    public static int SizeOf(byte code) => code switch
    {
        Float32 => 4,
        Float64 => 8,
        Float16 => 2,
        _ => 0,
    };

    public static string NameOf(byte code) => code switch
    {
        Float32 => "float32",
        Float64 => "float64",
        Float16 => "float16",
        _ => $"unknown element type {code}",
    };
}
