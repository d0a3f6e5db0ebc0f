using BenchmarkDotNet.Running;

// Pick suites with --filter, list them with --list flat, e.g.
//   dotnet run -c Release --project bench/Veil.Benchmarks -- --filter '*Redaction*' --job short
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
