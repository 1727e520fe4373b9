using System.Globalization;

namespace SharpGrad.Samples;

/// <summary>
/// The command line every sample understands:
/// <c>--quick</c> (fewer epochs, for CI), <c>--epochs N</c> (overrides the epoch count) and <c>--output DIR</c>
/// (where PNGs go; see <see cref="SampleOutput"/>); and for a sample that offers several models,
/// <c>--model NAME</c>.
/// </summary>
internal sealed class SampleOptions
{
    private SampleOptions(bool quick, int epochs, string? outputDirectory, string? model)
    {
        Quick = quick;
        Epochs = epochs;
        OutputDirectory = outputDirectory;
        Model = model;
    }

    /// <summary>Whether <c>--quick</c> was given.</summary>
    public bool Quick { get; }

    /// <summary>The epochs to train: <c>--epochs N</c> if given, else the quick or the full default.</summary>
    public int Epochs { get; }

    /// <summary>The <c>--output</c> folder, if given.</summary>
    public string? OutputDirectory { get; }

    /// <summary>The <c>--model</c> chosen, or the first of the sample's models; null for a sample with one model.</summary>
    public string? Model { get; }

    /// <summary>Reads <paramref name="args"/>; prints usage and exits with code 2 on anything unknown.</summary>
    /// <param name="args">The command line.</param>
    /// <param name="defaultEpochs">The epochs of a full run.</param>
    /// <param name="quickEpochs">The epochs of a <c>--quick</c> run.</param>
    /// <param name="models">The names <c>--model</c> accepts, the default first; none for a sample with one model.</param>
    public static SampleOptions Parse(string[] args, int defaultEpochs, int quickEpochs, params string[] models)
    {
        bool quick = false;
        int? epochs = null;
        string? output = null;
        string? model = models.Length > 0 ? models[0] : null;
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--quick":
                    quick = true;
                    break;
                case "--epochs" when i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) && n > 0:
                    epochs = n;
                    i++;
                    break;
                case "--output" when i + 1 < args.Length:
                    output = args[++i];
                    break;
                case "--model" when i + 1 < args.Length && models.Contains(args[i + 1], StringComparer.Ordinal):
                    model = args[++i];
                    break;
                default:
                    Console.Error.WriteLine($"unknown or incomplete argument '{args[i]}'");
                    Console.Error.WriteLine("usage: [--quick] [--epochs N] [--output DIR]" + (models.Length > 0 ? $" [--model {string.Join("|", models)}]" : ""));
                    Environment.Exit(2);
                    break;
            }
        }

        return new SampleOptions(quick, epochs ?? (quick ? quickEpochs : defaultEpochs), output, model);
    }
}
