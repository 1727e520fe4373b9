using ScottPlot;

namespace SharpGrad.Samples;

/// <summary>Training and validation loss per epoch as a PNG (ScottPlot 5).</summary>
internal static class LossPlot
{
    /// <summary>
    /// Plots <paramref name="trainLoss"/> and <paramref name="validationLoss"/> (one value per epoch, epoch 1 first)
    /// and saves the PNG at <paramref name="path"/>. With <paramref name="logScale"/> the y axis is logarithmic, which
    /// suits losses that fall by orders of magnitude.
    /// </summary>
    /// <param name="path">The PNG to write.</param>
    /// <param name="title">The plot's title.</param>
    /// <param name="trainLoss">The training loss of each epoch.</param>
    /// <param name="validationLoss">The validation loss after each epoch.</param>
    /// <param name="lossName">The y axis label, e.g. <c>MSE</c>.</param>
    /// <param name="logScale">Whether the y axis is logarithmic.</param>
    /// <param name="xLabel">The x axis label.</param>
    /// <param name="reference">An optional horizontal line, e.g. the noise floor, with its legend text.</param>
    /// <param name="validationLabel">The legend text of the second curve, e.g. <c>test</c> for a held-out test split.</param>
    public static void Save(string path, string title, IReadOnlyList<double> trainLoss, IReadOnlyList<double> validationLoss, string lossName, bool logScale = false, string xLabel = "epoch", (double Level, string Label)? reference = null, string validationLabel = "validation")
    {
        using var plot = new Plot();
        double[] epochs = Enumerable.Range(1, trainLoss.Count).Select(e => (double)e).ToArray();
        Func<double, double> y = logScale ? v => Math.Log10(Math.Max(v, 1e-300)) : v => v;

        var train = plot.Add.ScatterLine(epochs, trainLoss.Select(y).ToArray(), Colors.C0);
        train.LegendText = "training";
        train.LineWidth = 2;
        var validation = plot.Add.ScatterLine(epochs[..validationLoss.Count], validationLoss.Select(y).ToArray(), Colors.C1);
        validation.LegendText = validationLabel;
        validation.LineWidth = 2;
        validation.LinePattern = LinePattern.Dashed;

        // Markers only while they do not crowd the lines.
        float markerSize = trainLoss.Count <= 40 ? 6 : 0;
        train.MarkerSize = markerSize;
        validation.MarkerSize = markerSize;

        if (reference is { } line)
        {
            var level = plot.Add.HorizontalLine(y(line.Level), 1.5f, Colors.Gray, LinePattern.Dotted);
            level.LegendText = line.Label;
        }

        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        if (logScale)
        {
            plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic
            {
                MinorTickGenerator = new ScottPlot.TickGenerators.LogMinorTickGenerator(),
                IntegerTicksOnly = true,
                LabelFormatter = v => Math.Pow(10, v).ToString("G3", System.Globalization.CultureInfo.InvariantCulture),
            };
        }

        plot.Title(title);
        plot.XLabel(xLabel);
        plot.YLabel(logScale ? lossName + " (log scale)" : lossName);
        plot.ShowLegend(Alignment.UpperRight);
        plot.SavePng(path, 800, 500);
    }
}
