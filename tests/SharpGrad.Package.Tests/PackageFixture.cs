using System.IO.Compression;
using System.Security;
using System.Xml.Linq;

namespace SharpGrad.Package.Tests;

/// <summary>The packed SharpGrad package (packed once per test class) and the consumer projects built from it.</summary>
public sealed class PackageFixture : IDisposable
{
    public static readonly TimeSpan PackTimeout = TimeSpan.FromMinutes(5);
    public static readonly TimeSpan RestoreTimeout = TimeSpan.FromMinutes(3);
    public static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(5);
    public static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(1);

    private readonly Lazy<PackResult> pack;
    private readonly Lazy<string> globalPackagesFolder;

    public PackageFixture()
    {
        RepoRoot = FindRepoRoot();
        WorkRoot = Path.Combine(Path.GetTempPath(), "SharpGrad.Package.Tests", Guid.NewGuid().ToString("N")[..12]);
        if (IsUnder(WorkRoot, RepoRoot))
        {
            throw new InvalidOperationException(
                $"The temporary directory {WorkRoot} lies inside the repository {RepoRoot}; the consumer would pick up "
                + "the repository's Directory.Build.props. Point TMPDIR elsewhere.");
        }

        FeedDirectory = Path.Combine(WorkRoot, "feed");
        RestorePackagesDirectory = Path.Combine(WorkRoot, "packages");
        Directory.CreateDirectory(FeedDirectory);
        Directory.CreateDirectory(RestorePackagesDirectory);

        pack = new Lazy<PackResult>(Pack, LazyThreadSafetyMode.ExecutionAndPublication);
        globalPackagesFolder = new Lazy<string>(FindGlobalPackagesFolder, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The folder holding Compiler.sln.</summary>
    public string RepoRoot { get; }

    /// <summary>A fresh temporary folder outside the repository, deleted at the end.</summary>
    public string WorkRoot { get; }

    /// <summary>Where <c>dotnet pack</c> writes the package: the consumers' only source for SharpGrad.</summary>
    public string FeedDirectory { get; }

    /// <summary>The consumers' RestorePackagesPath, so no stale SharpGrad from the global packages folder is used.</summary>
    public string RestorePackagesDirectory { get; }

    /// <summary>The machine's global packages folder, used read-only as an offline feed for SharpGrad's dependencies.</summary>
    public string GlobalPackagesFolder => globalPackagesFolder.Value;

    /// <summary>Packs runtime/SharpGrad.csproj once (Release) into <see cref="FeedDirectory"/>.</summary>
    public PackResult GetPackage() => pack.Value;

    /// <summary>
    /// Creates a console project that references only the SharpGrad package, restores offline from the packed
    /// package and the global packages folder, and treats every warning (generator load failures included) as an error.
    /// </summary>
    public string CreateConsumer(string name, string programSource, string packageVersion)
    {
        var directory = Path.Combine(WorkRoot, "consumers", name);
        Directory.CreateDirectory(directory);

        // Stop MSBuild's upward search: nothing from /tmp or above may leak into the consumer.
        foreach (var file in new[] { "Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props" })
        {
            File.WriteAllText(Path.Combine(directory, file), "<Project />\n");
        }

        File.WriteAllText(Path.Combine(directory, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="sharpgrad-pack" value="{Xml(FeedDirectory)}" />
                <add key="global-packages" value="{Xml(GlobalPackagesFolder)}" />
              </packageSources>
              <!-- SharpGrad only ever comes from the freshly packed folder. -->
              <packageSourceMapping>
                <packageSource key="sharpgrad-pack">
                  <package pattern="SharpGrad" />
                </packageSource>
                <packageSource key="global-packages">
                  <package pattern="*" />
                </packageSource>
              </packageSourceMapping>
              <disabledPackageSources>
                <clear />
              </disabledPackageSources>
              <fallbackPackageFolders>
                <clear />
              </fallbackPackageFolders>
            </configuration>
            """);

        File.WriteAllText(Path.Combine(directory, name + ".csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
                <Nullable>enable</Nullable>
                <LangVersion>latest</LangVersion>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                <WarningsAsErrors>$(WarningsAsErrors);CS9057;CS8784;CS8785</WarningsAsErrors>
                <RestorePackagesPath>{Xml(RestorePackagesDirectory)}</RestorePackagesPath>
                <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>
                <NuGetAudit>false</NuGetAudit>
                <UseAppHost>false</UseAppHost>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="SharpGrad" Version="[{Xml(packageVersion)}]" />
              </ItemGroup>
            </Project>
            """);

        File.WriteAllText(Path.Combine(directory, "Program.cs"), programSource);
        return directory;
    }

    public void Dispose()
    {
        if (Environment.GetEnvironmentVariable("SHARPGRAD_KEEP_TEST_TEMP") == "1")
        {
            return;
        }

        try
        {
            Directory.Delete(WorkRoot, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private PackResult Pack()
    {
        var result = DotnetCli.Run(RepoRoot, PackTimeout,
            "pack", Path.Combine("runtime", "SharpGrad.csproj"),
            "-c", "Release",
            "-o", FeedDirectory,
            "--disable-build-servers",
            "-nologo");

        var packages = Directory.GetFiles(FeedDirectory, "*.nupkg")
            .Where(p => !p.EndsWith(".symbols.nupkg", StringComparison.OrdinalIgnoreCase))
            .ToArray();
        if (!result.Succeeded || packages.Length != 1)
        {
            return new PackResult(result, null, null, []);
        }

        using var zip = ZipFile.OpenRead(packages[0]);
        var entries = zip.Entries.Select(e => e.FullName).OrderBy(n => n, StringComparer.Ordinal).ToArray();
        var nuspecEntry = zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.OrdinalIgnoreCase)
                                                 && !e.FullName.Contains('/'));
        using var nuspecStream = nuspecEntry.Open();
        var nuspec = XDocument.Load(nuspecStream);
        var version = nuspec.Descendants().Single(e => e.Name.LocalName == "version").Value.Trim();
        return new PackResult(result, packages[0], version, entries);
    }

    private string FindGlobalPackagesFolder()
    {
        // Ask NuGet itself: it honours NUGET_PACKAGES and any globalPackagesFolder setting.
        var result = DotnetCli.Run(RepoRoot, RestoreTimeout, "nuget", "locals", "global-packages", "--list");
        const string prefix = "global-packages:";
        var line = result.StdOut.Split('\n').Select(l => l.Trim())
            .FirstOrDefault(l => l.StartsWith(prefix, StringComparison.OrdinalIgnoreCase));
        if (result.Succeeded && line is not null)
        {
            var path = line[prefix.Length..].Trim();
            if (Directory.Exists(path))
            {
                return path;
            }
        }

        var fromEnvironment = Environment.GetEnvironmentVariable("NUGET_PACKAGES");
        return !string.IsNullOrEmpty(fromEnvironment)
            ? fromEnvironment
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
    }

    private static string FindRepoRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Compiler.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No Compiler.sln found above {AppContext.BaseDirectory}.");
    }

    private static bool IsUnder(string path, string root)
    {
        var relative = Path.GetRelativePath(Path.GetFullPath(root), Path.GetFullPath(path));
        return relative != ".." && !relative.StartsWith(".." + Path.DirectorySeparatorChar, StringComparison.Ordinal)
                                && !Path.IsPathRooted(relative);
    }

    private static string Xml(string text) => SecurityElement.Escape(text);
}

/// <summary>The pack command's result; on success the package's path, version and entry names.</summary>
public sealed record PackResult(CommandResult Command, string? PackagePath, string? Version, IReadOnlyList<string> Entries);
