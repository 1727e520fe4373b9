using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SharpGrad.Generator.Ir;
using SharpGrad.Generator.Parsing;

namespace SharpGrad.Generator.Tests;

/// <summary>The parsed IR, printed: what the later stages see, here after break and early return are lowered.</summary>
public sealed class IrDumpTests
{
    [Fact]
    public void BreakAndEarlyReturn_AreLoweredToFlagsAndGuards()
    {
        string ir = Parse("""
                [Differentiable]
                public static double F(double x, int n)
                {
                    if (x > 3)
                    {
                        return x;
                    }

                    double s = 0;
                    for (int i = 0; i < n; i++)
                    {
                        if (s > 10)
                        {
                            break;
                        }

                        s += x * i;
                    }

                    return s;
                }
            """);

        Assert.Equal(
            """
            if (x > 3d)
                returnValue = x;
                returned = true;
            if (!returned)
                s = 0d;
                i = 0;
                stop = false;
                while (i < n && !stop)
                    skip = false;
                    if (s > 10d)
                        skip = true;
                        stop = true;
                    if (!skip)
                        s = s + x * (double)i;
                    i = i + 1;
                returnValue = s;
                returned = true;
            return returnValue;

            """.Replace("\r\n", "\n"),
            ir.Replace("\r\n", "\n"));
    }

    private static string Parse(string method)
    {
        CSharpCompilation compilation = GeneratorHarness.Compile(Sources.Method(method));
        SyntaxTree tree = compilation.SyntaxTrees.Single();
        SemanticModel model = compilation.GetSemanticModel(tree);
        MethodDeclarationSyntax syntax = tree.GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>().Single();
        var symbol = (IMethodSymbol)model.GetDeclaredSymbol(syntax)!;
        ParseResult result = MethodParser.Parse(symbol, syntax, model, CancellationToken.None);
        Assert.Empty(result.Diagnostics);
        return IrPrinter.Dump(result.Method!.Body);
    }
}
