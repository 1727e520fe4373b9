using ScottPlot;
using SharpGrad.Data;

namespace CurveFitting;

/// <summary>The noisy samples with the true and the fitted curve, as a PNG.</summary>
internal static class FitPlot
{
    /// <summary>Saves the PNG at <paramref name="path"/>.</summary>
    public static void Save(string path, ArrayDataset<double> train, ArrayDataset<double> validation, Func<double, double> truth, Func<double, double> fitted, double duration)
    {
        using var plot = new Plot();
        var trainPoints = plot.Add.ScatterPoints(train.Features.ToArray(), train.Targets.ToArray(), Colors.Gray);
        trainPoints.MarkerSize = 5;
        trainPoints.MarkerShape = MarkerShape.OpenCircle;
        trainPoints.LegendText = "training samples";
        var validationPoints = plot.Add.ScatterPoints(validation.Features.ToArray(), validation.Targets.ToArray(), Colors.C1);
        validationPoints.MarkerSize = 6;
        validationPoints.LegendText = "validation samples";

        double[] t = Enumerable.Range(0, 1001).Select(i => duration * i / 1000).ToArray();
        var fittedLine = plot.Add.ScatterLine(t, t.Select(fitted).ToArray(), Colors.C0);
        fittedLine.LineWidth = 2.5f;
        fittedLine.LegendText = "fitted";
        var trueLine = plot.Add.ScatterLine(t, t.Select(truth).ToArray(), Colors.Black);
        trueLine.LineWidth = 1.5f;
        trueLine.LinePattern = LinePattern.Dashed;
        trueLine.LegendText = "true";

        plot.Title("y = A exp(-d t) cos(w t + phi): samples, true and fitted curve");
        plot.XLabel("t (s)");
        plot.YLabel("y");
        plot.ShowLegend(Alignment.UpperRight);
        plot.SavePng(path, 900, 500);
    }
}
