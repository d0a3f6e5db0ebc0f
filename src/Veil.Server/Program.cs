using Veil.Server.Cli;
using Veil.Server.Memory;

// Before any thread allocates: one malloc arena per core is enough for threads that mostly reuse
// pooled buffers, and keeps freed memory in few places, where a trim can find it.
NativeHeap.LimitArenas(Math.Max(2, Environment.ProcessorCount));
return await VeilCli.RunAsync(args);
