using System.Globalization;
using ScottPlot;

namespace Mnist;

/// <summary>The confusion matrix as a heatmap, and a grid of misclassified digits with their true and predicted classes (ScottPlot 5).</summary>
internal static class DigitPlots
{
    /// <summary>Saves <paramref name="confusion"/> (rows: true digit, columns: predicted digit) as a PNG with each cell's count.</summary>
    public static void SaveConfusionMatrix(string path, string title, int[,] confusion)
    {
        int classes = confusion.GetLength(0);
        var share = new double[classes, classes];
        for (int actual = 0; actual < classes; actual++)
        {
            int rowTotal = 0;
            for (int predicted = 0; predicted < classes; predicted++)
            {
                rowTotal += confusion[actual, predicted];
            }

            for (int predicted = 0; predicted < classes; predicted++)
            {
                // Row 0 of a heatmap is drawn at the top: digit 0 on the top row, as the text matrix prints it.
                share[actual, predicted] = rowTotal == 0 ? 0 : confusion[actual, predicted] / (double)rowTotal;
            }
        }

        using var plot = new Plot();
        var heatmap = plot.Add.Heatmap(share);
        heatmap.Rectangle = new CoordinateRect(-0.5, classes - 0.5, -0.5, classes - 0.5);
        heatmap.Colormap = new ScottPlot.Colormaps.CustomInterpolated([Colors.White, new Color(250, 170, 60), new Color(180, 30, 20)]);
        heatmap.ManualRange = new ScottPlot.Range(0, 1);
        plot.Add.ColorBar(heatmap).Label = "share of row";
        for (int actual = 0; actual < classes; actual++)
        {
            for (int predicted = 0; predicted < classes; predicted++)
            {
                if (confusion[actual, predicted] == 0)
                {
                    continue;
                }

                var label = plot.Add.Text(confusion[actual, predicted].ToString(CultureInfo.InvariantCulture), predicted, classes - 1 - actual);
                label.LabelAlignment = Alignment.MiddleCenter;
                label.LabelFontSize = 13;
                label.LabelFontColor = share[actual, predicted] > 0.6 ? Colors.White : Colors.Black;
            }
        }

        double[] positions = Enumerable.Range(0, classes).Select(i => (double)i).ToArray();
        string[] digits = Enumerable.Range(0, classes).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToArray();
        plot.Axes.Bottom.SetTicks(positions, digits);
        plot.Axes.Left.SetTicks(positions, digits.Reverse().ToArray());
        plot.Title(title);
        plot.XLabel("predicted digit");
        plot.YLabel("true digit");
        plot.Axes.SetLimits(-0.5, classes - 0.5, -0.5, classes - 0.5);
        plot.Axes.SquareUnits();
        plot.SavePng(path, 720, 640);
    }

    /// <summary>
    /// Saves up to <c>columns × rows</c> images (raw pixels in [0, 1], <paramref name="side"/>² each) in a grid, each
    /// captioned "true → predicted".
    /// </summary>
    public static void SaveDigits(string path, string title, IReadOnlyList<(float[] Pixels, int Actual, int Predicted)> digits, int side, int columns = 8, int rows = 5)
    {
        int shown = Math.Min(digits.Count, columns * rows);
        int cell = side + 4;
        const int Caption = 9; // pixels of caption space above each digit
        int height = rows * (cell + Caption);
        int width = columns * cell;
        var canvas = new double[height, width];
        for (int k = 0; k < shown; k++)
        {
            int top = ((k / columns) * (cell + Caption)) + Caption + 2;
            int left = ((k % columns) * cell) + 2;
            float[] pixels = digits[k].Pixels;
            for (int y = 0; y < side; y++)
            {
                for (int x = 0; x < side; x++)
                {
                    canvas[top + y, left + x] = pixels[(y * side) + x];
                }
            }
        }

        using var plot = new Plot();
        var heatmap = plot.Add.Heatmap(canvas);
        heatmap.Rectangle = new CoordinateRect(0, width, 0, height);
        heatmap.Colormap = new ScottPlot.Colormaps.Grayscale();
        heatmap.ManualRange = new ScottPlot.Range(0, 1);
        heatmap.Smooth = false;
        for (int k = 0; k < shown; k++)
        {
            double x = ((k % columns) * cell) + (cell / 2.0);
            double y = height - ((k / columns) * (cell + Caption)) - (Caption / 2.0) - 1;
            var caption = plot.Add.Text($"{digits[k].Actual} → {digits[k].Predicted}", x, y);
            caption.LabelAlignment = Alignment.MiddleCenter;
            caption.LabelFontSize = 13;
            caption.LabelFontColor = Colors.White;
        }

        plot.Title(title);
        plot.Axes.Title.Label.ForeColor = Colors.White;
        plot.Axes.Frameless();
        plot.Axes.SetLimits(0, width, 0, height);
        plot.FigureBackground.Color = Colors.Black;
        plot.DataBackground.Color = Colors.Black;
        plot.SavePng(path, width * 3, (height * 3) + 40);
    }
}
