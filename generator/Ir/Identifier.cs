using Microsoft.CodeAnalysis.CSharp;

namespace SharpGrad.Generator.Ir;

/// <summary>
/// Names as C# source text. The IR keeps a name as Roslyn reports it (<c>in</c> for <c>@in</c>); printing
/// restores the <c>@</c> on reserved keywords, so a parameter the user named <c>@class</c> stays legal.
/// </summary>
internal static class Identifier
{
    public static string Escape(string name)
        => SyntaxFacts.IsReservedKeyword(SyntaxFacts.GetKeywordKind(name)) ? "@" + name : name;
}
