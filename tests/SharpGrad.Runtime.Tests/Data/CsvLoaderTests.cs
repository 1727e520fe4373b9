using System.Globalization;
using SharpGrad.Data;

namespace SharpGrad.Runtime.Tests.Data;

public class CsvLoaderTests
{
    private const string Iris = """
        sepal_length,sepal_width,petal_length,petal_width,species
        5.1,3.5,1.4,0.2,setosa
        7.0,3.2,4.7,1.4,versicolor
        6.3,3.3,6.0,2.5,virginica
        4.9,3.0,1.4,0.2,setosa
        """;

    private static CsvData<double> Load(string csv, CsvOptions options, string name = "iris.csv")
        => CsvLoader.Load<double>(new StringReader(csv), name, options);

    private static CsvFormatException LoadFails(string csv, CsvOptions options, string name = "iris.csv")
        => Assert.Throws<CsvFormatException>(() => Load(csv, options, name));

    [Fact]
    public void Features_by_name_and_class_names_mapped_to_indices()
    {
        CsvData<double> data = Load(Iris, new CsvOptions { Features = ["petal_width", "sepal_length"], ClassLabel = "species" });

        Assert.Equal(4, data.Dataset.Count);
        Assert.Equal(["petal_width", "sepal_length"], data.FeatureNames);
        Assert.Equal([0.2, 5.1, 1.4, 7.0, 2.5, 6.3, 0.2, 4.9], data.Dataset.Features.ToArray());
        Assert.Equal(["setosa", "versicolor", "virginica"], data.ClassNames);
        Assert.Equal(["species"], data.TargetNames);
        Assert.Equal([0.0, 1, 2, 0], data.Dataset.Targets.ToArray());
    }

    [Fact]
    public void Without_a_feature_list_every_other_column_is_a_feature()
    {
        CsvData<double> data = Load(Iris, new CsvOptions { ClassLabel = "species" });

        Assert.Equal(["sepal_length", "sepal_width", "petal_length", "petal_width"], data.FeatureNames);
        Assert.Equal(4, data.Dataset.FeatureCount);
    }

    [Fact]
    public void Numeric_target_columns_are_read_in_the_given_order()
    {
        CsvData<float> data = CsvLoader.Load<float>(
            new StringReader("a,b,c,d\n1,2,3,4\n5,6,7,8\n"),
            "numbers.csv",
            new CsvOptions { Features = ["a"], Targets = ["d", "b"] });

        Assert.Equal([1f, 5], data.Dataset.Features.ToArray());
        Assert.Equal([4f, 2, 8, 6], data.Dataset.Targets.ToArray());
        Assert.Equal(["d", "b"], data.TargetNames);
        Assert.Empty(data.ClassNames);
    }

    [Fact]
    public void Fixed_class_names_set_the_mapping_whatever_the_file_holds()
    {
        CsvData<double> data = Load(Iris, new CsvOptions { ClassLabel = "species", ClassNames = ["virginica", "versicolor", "setosa"] });

        Assert.Equal([2.0, 1, 0, 2], data.Dataset.Targets.ToArray());
    }

    [Fact]
    public void Numbers_use_the_invariant_culture_whatever_the_current_one()
    {
        CultureInfo saved = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
            CsvData<double> data = Load("x,y\n1.5,2e3\n-0.25, 7 \n", new CsvOptions { Targets = ["y"] }, "numbers.csv");

            Assert.Equal([1.5, -0.25], data.Dataset.Features.ToArray());
            Assert.Equal([2000.0, 7], data.Dataset.Targets.ToArray());
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }

    [Fact]
    public void Quoted_fields_may_hold_delimiters_quotes_and_line_breaks()
    {
        const string Csv = "name,x,label\n\"Smith, J.\",1,\"a \"\"big\"\" one\"\n\"two\nlines\",2,b\n\"plain\", \"3\" ,b\n";

        CsvData<double> data = Load(Csv, new CsvOptions { Features = ["x"], ClassLabel = "label" }, "quoted.csv");

        Assert.Equal([1.0, 2, 3], data.Dataset.Features.ToArray());
        Assert.Equal(["a \"big\" one", "b"], data.ClassNames);
    }

    [Fact]
    public void Quoted_header_names_and_a_semicolon_delimiter_work()
    {
        CsvData<double> data = Load("\"x;1\";y\n1;2\n", new CsvOptions { Targets = ["y"], Delimiter = ';' }, "semi.csv");

        Assert.Equal(["x;1"], data.FeatureNames);
        Assert.Equal([1.0], data.Dataset.Features.ToArray());
    }

    [Fact]
    public void A_bad_value_names_file_line_and_column()
    {
        string csv = Iris.Replace("7.0,3.2", "7.0,abc", StringComparison.Ordinal);

        CsvFormatException error = LoadFails(csv, new CsvOptions { ClassLabel = "species" });

        Assert.Equal("iris.csv, line 3, column 'sepal_width' (2): 'abc' is not a number", error.Message);
        Assert.Equal("iris.csv", error.FilePath);
        Assert.Equal(3, error.LineNumber);
        Assert.Equal("sepal_width", error.ColumnName);
        Assert.Equal(2, error.ColumnNumber);
        Assert.IsAssignableFrom<FormatException>(error);
    }

    [Fact]
    public void Line_numbers_count_blank_lines_and_line_breaks_inside_quotes()
    {
        const string Csv = "note,x,y\n\n\"multi\nline\",1,2\n\nok,1,oops\n";

        CsvFormatException error = LoadFails(Csv, new CsvOptions { Features = ["x"], Targets = ["y"] }, "data.csv");

        Assert.Equal("data.csv, line 6, column 'y' (3): 'oops' is not a number", error.Message);
    }

    [Fact]
    public void An_empty_value_is_reported_as_empty()
    {
        CsvFormatException error = LoadFails("x,y\n1,\n", new CsvOptions { Targets = ["y"] }, "data.csv");

        Assert.Equal("data.csv, line 2, column 'y' (2): the value is empty; a number is expected", error.Message);
    }

    [Fact]
    public void A_row_with_the_wrong_number_of_fields_names_its_line()
    {
        CsvFormatException error = LoadFails("x,y\n1,2\n3\n", new CsvOptions { Targets = ["y"] }, "data.csv");

        Assert.Equal("data.csv, line 3: the row has 1 fields, but the header has 2", error.Message);
    }

    [Fact]
    public void A_missing_column_lists_the_columns_there_are()
    {
        CsvFormatException error = LoadFails(Iris, new CsvOptions { ClassLabel = "class" });

        Assert.Equal("iris.csv, line 1: there is no column 'class'; the columns are 'sepal_length', 'sepal_width', 'petal_length', 'petal_width', 'species'", error.Message);
    }

    [Fact]
    public void An_unclosed_quote_names_the_line_where_it_opened()
    {
        CsvFormatException error = LoadFails("x,y\n1,2\n3,\"4\n5,6\n", new CsvOptions { Targets = ["y"] }, "data.csv");

        Assert.Equal("data.csv, line 3, column 'y' (2): a quoted field is not closed before the end of the file", error.Message);
    }

    [Fact]
    public void Text_after_a_closing_quote_is_an_error()
    {
        CsvFormatException error = LoadFails("x,y\n\"1\"2,3\n", new CsvOptions { Targets = ["y"] }, "data.csv");

        Assert.StartsWith("data.csv, line 2, column 'x' (1): unexpected '2' after a closing quote", error.Message);
    }

    [Fact]
    public void An_unknown_class_name_is_an_error_when_names_are_fixed()
    {
        CsvFormatException error = LoadFails(Iris, new CsvOptions { ClassLabel = "species", ClassNames = ["setosa", "versicolor"] });

        Assert.Equal("iris.csv, line 4, column 'species' (5): 'virginica' is not one of the class names 'setosa', 'versicolor'", error.Message);
    }

    [Fact]
    public void A_repeated_header_name_is_an_error()
    {
        CsvFormatException error = LoadFails("x,y,x\n1,2,3\n", new CsvOptions { Targets = ["y"] }, "data.csv");

        Assert.Equal("data.csv, line 1, column 'x' (3): the header repeats the name of column 1", error.Message);
    }

    [Fact]
    public void An_empty_file_is_an_error()
    {
        CsvFormatException error = LoadFails("\n\n", new CsvOptions { Targets = ["y"] }, "empty.csv");

        Assert.Equal("empty.csv, line 1: the file is empty; a header row is expected", error.Message);
    }

    [Fact]
    public void Options_need_exactly_one_kind_of_target_and_no_column_twice()
    {
        Assert.Throws<ArgumentException>(() => Load(Iris, new CsvOptions()));
        Assert.Throws<ArgumentException>(() => Load(Iris, new CsvOptions { Targets = ["sepal_width"], ClassLabel = "species" }));
        Assert.Throws<ArgumentException>(() => Load(Iris, new CsvOptions { Targets = ["sepal_width"], ClassNames = ["a"] }));
        Assert.Throws<ArgumentException>(() => Load(Iris, new CsvOptions { Features = ["sepal_width"], Targets = ["sepal_width"] }));
    }

    [Fact]
    public void Loading_a_file_names_the_path_as_given_in_errors()
    {
        string directory = Path.Combine(Path.GetTempPath(), "sharpgrad-csv-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        try
        {
            string path = Path.Combine(directory, "iris.csv");
            File.WriteAllText(path, Iris);
            CsvData<double> data = CsvLoader.Load<double>(path, new CsvOptions { ClassLabel = "species" });
            Assert.Equal(4, data.Dataset.Count);

            File.WriteAllText(path, "x,y\n1,two\n");
            var error = Assert.Throws<CsvFormatException>(() => CsvLoader.Load<double>(path, new CsvOptions { Targets = ["y"] }));
            Assert.Equal($"{path}, line 2, column 'y' (2): 'two' is not a number", error.Message);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void Loaded_data_flows_into_split_preprocessing_and_a_loader()
    {
        CsvData<double> data = Load(Iris, new CsvOptions { ClassLabel = "species" });
        var (train, _, test) = DatasetSplit.TrainTest(data.Dataset, 0.25, seed: 1);
        var encoder = OneHotEncoder<double>.Fit(data.Dataset);
        var standardizer = Standardizer<double>.Fit(train);

        ArrayDataset<double> ready = encoder.Transform(standardizer.Transform(test));
        var loader = new DataLoader<double>(ready, batchSize: 2);

        Assert.Equal(1, loader.BatchCount);
        Assert.Equal(3, ready.TargetCount);
    }
}
