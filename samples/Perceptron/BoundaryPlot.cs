using ScottPlot;
using SharpGrad.Data;

namespace Perceptron;

/// <summary>The learned decision boundary: P(class 1) over a grid as a heatmap, the 0.5 contour, and the points on top.</summary>
internal static class BoundaryPlot
{
    /// <summary>Saves the PNG at <paramref name="path"/>.</summary>
    /// <param name="path">The PNG to write.</param>
    /// <param name="title">The plot's title.</param>
    /// <param name="train">Training points (features x, y; label 0 or 1), drawn as small hollow markers.</param>
    /// <param name="validation">Validation points, drawn as filled markers.</param>
    /// <param name="logits">Computes the model's logit for row-major (x, y) points.</param>
    /// <param name="limit">The grid spans [−limit, limit] on both axes.</param>
    /// <param name="resolution">Grid cells per axis.</param>
    public static void Save(string path, string title, ArrayDataset<double> train, ArrayDataset<double> validation, Func<double[], double[]> logits, double limit, int resolution = 200)
    {
        // Cell centres, row 0 at the top (largest y), as the heatmap draws its first row at the top.
        double cell = 2 * limit / resolution;
        var grid = new double[resolution * resolution * 2];
        for (int row = 0; row < resolution; row++)
        {
            for (int column = 0; column < resolution; column++)
            {
                int index = (row * resolution) + column;
                grid[2 * index] = -limit + ((column + 0.5) * cell);
                grid[(2 * index) + 1] = limit - ((row + 0.5) * cell);
            }
        }

        double[] z = logits(grid);
        var probability = new double[resolution, resolution];
        var contourPoints = new Coordinates3d[resolution, resolution];
        for (int row = 0; row < resolution; row++)
        {
            for (int column = 0; column < resolution; column++)
            {
                int index = (row * resolution) + column;
                double p = 1 / (1 + Math.Exp(-z[index]));
                probability[row, column] = p;

                // The contour grid runs bottom-up.
                contourPoints[resolution - 1 - row, column] = new Coordinates3d(grid[2 * index], grid[(2 * index) + 1], p);
            }
        }

        using var plot = new Plot();
        var heatmap = plot.Add.Heatmap(probability);
        heatmap.Extent = new CoordinateRect(-limit, limit, -limit, limit);
        heatmap.Colormap = new ScottPlot.Colormaps.CustomInterpolated([new Color(70, 110, 220), Colors.White, new Color(230, 90, 60)]);
        heatmap.ManualRange = new ScottPlot.Range(0, 1);
        heatmap.Opacity = 0.75;
        plot.Add.ColorBar(heatmap);

        var boundary = plot.Add.ContourLines(contourPoints, 1);
        boundary.ContourLineLevels = [0.5];
        boundary.Update(contourPoints);
        boundary.LineColor = Colors.Black;
        boundary.LineWidth = 2;
        boundary.LabelStyle.IsVisible = false;

        Color[] classColors = [new Color(20, 50, 160), new Color(170, 30, 10)];
        AddPoints(plot, train, classColors, filled: false, "training");
        AddPoints(plot, validation, classColors, filled: true, "validation");

        plot.Title(title);
        plot.XLabel("x");
        plot.YLabel("y");
        plot.Axes.SetLimits(-limit, limit, -limit, limit);
        plot.Axes.SquareUnits();
        plot.ShowLegend(Alignment.UpperLeft);
        plot.SavePng(path, 800, 720);
    }

    private static void AddPoints(Plot plot, ArrayDataset<double> points, Color[] classColors, bool filled, string split)
    {
        for (int label = 0; label < classColors.Length; label++)
        {
            var xs = new List<double>();
            var ys = new List<double>();
            for (int i = 0; i < points.Count; i++)
            {
                if ((int)points.Targets[i] == label)
                {
                    xs.Add(points.FeaturesOf(i)[0]);
                    ys.Add(points.FeaturesOf(i)[1]);
                }
            }

            var scatter = plot.Add.ScatterPoints(xs.ToArray(), ys.ToArray(), classColors[label]);
            scatter.MarkerShape = filled ? MarkerShape.FilledCircle : MarkerShape.OpenCircle;
            scatter.MarkerSize = filled ? 6 : 4;
            scatter.LegendText = $"class {label}, {split}";
        }
    }
}
