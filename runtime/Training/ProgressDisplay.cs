namespace SharpGrad.Training;

/// <summary>How a <see cref="Trainer{T}"/> shows progress (PyTorch Lightning: <c>enable_progress_bar</c> and its progress bar callbacks).</summary>
public enum ProgressDisplay
{
    /// <summary>
    /// A live progress bar when writing to an interactive console, otherwise plain lines: lines whenever
    /// <see cref="Console.IsOutputRedirected"/> is true or <see cref="Trainer{T}.Output"/> is another writer.
    /// </summary>
    Auto,

    /// <summary>A live Spectre.Console progress bar per epoch with loss and samples per second.</summary>
    Bar,

    /// <summary>One plain text line per epoch (and one every 10 seconds within a long epoch), suitable for logs.</summary>
    Lines,

    /// <summary>No output.</summary>
    None,
}
