namespace SharpGrad.Checkpoints;

/// <summary>
/// A checkpoint could not be saved or loaded. The message names the file and what is wrong; when loading
/// fails, the parameters, the optimizer, the scheduler and the random generators are unchanged.
/// </summary>
public sealed class CheckpointException : IOException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="filePath">The checkpoint file.</param>
    /// <param name="message">The full message.</param>
    /// <param name="innerException">The underlying error, if any.</param>
    public CheckpointException(string filePath, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        FilePath = filePath;
    }

    /// <summary>The checkpoint file the error concerns.</summary>
    public string FilePath { get; }
}
