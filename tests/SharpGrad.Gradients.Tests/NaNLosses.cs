namespace SharpGrad.Gradients.Tests;

/// <summary>
/// Small losses in which a NaN appears inside the model: each applies one runtime function to log(w), which is
/// NaN for negative w, and squares the result. A function that replaced the NaN by a number would give a finite
/// loss and a finite gradient although the model is broken.
/// </summary>
public static partial class NaNLosses
{
    [Differentiable]
    public static double Relu(double w)
    {
        double h = Functions.Relu(Math.Log(w));
        return h * h;
    }

    [Differentiable]
    public static double LeakyRelu(double w)
    {
        double h = Functions.LeakyRelu(Math.Log(w), 0.01);
        return h * h;
    }

    [Differentiable]
    public static double Sigmoid(double w)
    {
        double h = Functions.Sigmoid(Math.Log(w));
        return h * h;
    }

    [Differentiable]
    public static double Softplus(double w)
    {
        double h = Functions.Softplus(Math.Log(w));
        return h * h;
    }

    [Differentiable]
    public static double Gelu(double w)
    {
        double h = Functions.Gelu(Math.Log(w));
        return h * h;
    }

    [Differentiable]
    public static double Huber(double w)
    {
        double h = Functions.Huber(Math.Log(w), 0.5, 1.0);
        return h * h;
    }

    [Differentiable]
    public static double Max(double w)
    {
        double[] values = new double[3];
        values[0] = 2;
        values[1] = Math.Log(w);
        values[2] = -1;
        double h = Functions.Max(values);
        return h * h;
    }

    [Differentiable]
    public static double LogSumExp(double w)
    {
        double[] values = new double[2];
        values[0] = Math.Log(w);
        values[1] = 1;
        double h = Functions.LogSumExp(values);
        return h * h;
    }

    [Differentiable]
    public static float FloatRelu(float w)
    {
        float h = Functions.Relu(MathF.Log(w));
        return h * h;
    }
}
