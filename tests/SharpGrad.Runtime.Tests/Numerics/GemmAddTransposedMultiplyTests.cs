using CsCheck;
using SharpGrad.Numerics;

namespace SharpGrad.Runtime.Tests.Numerics;

/// <summary>
/// <see cref="Gemm.AddTransposedMultiply{T}"/> (C += Dᵀ X) against its triple loop, in both precisions, within the
/// rounding bound of any summation order: row counts of C around the blocks of four, row lengths around every block
/// width (four, two and one vectors, the overlapping masked last vector, rows shorter than a vector), and a C whose
/// prior contents must be added to, in every lane, exactly once. The bound has one smallest subnormal per rounding
/// (products of tiny values round in absolute, not relative, terms).
/// </summary>
public sealed class GemmAddTransposedMultiplyTests
{
    private sealed record Case(int M, int P, int N, double[] D, double[] X, double[] C);

    private static readonly Gen<Case> _cases =
        Gen.Select(Gen.Int[0, 9], Gen.Int[0, 11], Gen.Int[0, 150]).SelectMany(s =>
        {
            (int m, int p, int n) = s;
            return Gen.Select(Gen.Double[-100, 100].Array[m * p], Gen.Double[-100, 100].Array[m * n], Gen.Double[-10, 10].Array[p * n],
                (d, x, c) => new Case(m, p, n, d, x, c));
        });

    [Fact]
    public void AddsDTransposedTimesX_WithinRounding_InBothPrecisions()
        => _cases.Sample(c =>
        {
            double[] result = (double[])c.C.Clone();
            Gemm.AddTransposedMultiply<double>(c.D, c.X, result, c.M, c.P, c.N);
            float[] df = [.. c.D.Select(v => (float)v)], xf = [.. c.X.Select(v => (float)v)], resultF = [.. c.C.Select(v => (float)v)];
            Gemm.AddTransposedMultiply<float>(df, xf, resultF, c.M, c.P, c.N);
            for (int k = 0; k < c.P; k++)
            {
                for (int j = 0; j < c.N; j++)
                {
                    int at = (k * c.N) + j;
                    double exact = c.C[at], magnitude = Math.Abs(c.C[at]), exactF = (float)c.C[at], magnitudeF = Math.Abs(exactF);
                    for (int i = 0; i < c.M; i++)
                    {
                        double term = c.D[(i * c.P) + k] * c.X[(i * c.N) + j];
                        exact += term;
                        magnitude += Math.Abs(term);
                        double termF = (double)df[(i * c.P) + k] * xf[(i * c.N) + j];
                        exactF += termF;
                        magnitudeF += Math.Abs(termF);
                    }

                    Assert.True(Math.Abs(result[at] - exact) <= (c.M + 2) * ((1.2e-16 * magnitude) + double.Epsilon), $"C[{k}, {j}] of {c.P}x{c.N}, m {c.M}: {result[at]:R} against {exact:R}");
                    Assert.True(Math.Abs(resultF[at] - exactF) <= (c.M + 2) * ((6e-8 * magnitudeF) + float.Epsilon), $"float C[{k}, {j}] of {c.P}x{c.N}, m {c.M}: {resultF[at]:R} against {exactF:R}");
                }
            }
        });
}
