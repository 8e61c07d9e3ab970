using Einthoven.Bench;

// A small dispatcher: `dotnet run -c Release --project bench/Einthoven.Bench -- NAME [args]`.
// Each benchmark lives in its own file and adds one line here.
var benchmarks = new (string Name, string Help, Func<string[], int> Run)[]
{
    ("wfdb", "wfdb: WFDB decoding of all 48 MIT-BIH records vs File.ReadAllBytes of the same bytes", _ => { WfdbDecodeBench.Run(); return 0; }),
    ("qrs", "qrs [MITDB]: QRS detection throughput (one thread, first lead of all 48 MIT-BIH records), timed apart from decoding", QrsBenchmark.Run),
    ("storage", "storage [MITDB]: bytes per sample of the server's lossless chunked sample storage on all 48 MIT-BIH records", StorageBenchmark.Run),
    ("upload-analysis", "upload-analysis [MITDB]: upload-to-analysed time of a 30-minute record (MIT-BIH 100) on the real server", UploadAnalysisBenchmark.Run),
    ("window-latency", "window-latency: p50/p95 of 2,000-point viewer windows on a 24-hour 2-lead recording over HTTP", WindowLatencyBenchmark.Run),
    ("window-memory", "window-memory [MITDB]: peak memory of reading a 24-hour 2-lead 360 Hz record window by window", WindowMemoryBenchmark.Run),
    ("gemm", "gemm: GFLOP/s of the managed SGEMM and OpenBLAS, single-threaded and all-core", GemmBenchmark.Run),
    ("beats", "beats [MITDB] [RECORDS...]: beat classification throughput on one core (network alone and end to end), shipped model", BeatsBenchmark.Run),
    ("engine", "engine: learning engine throughput on a beat-classifier-sized network", EngineBenchmark.Run),
    ("rhythm", "rhythm [CINC2017]: rhythm classification latency of a 30-s single-lead recording on one thread", RhythmBenchmark.Run),
    ("pacemaker", "pacemaker [PTBXL]: one POST /predict's work (parse metadata, read .hea + .dat, features, model) on one thread, PTB-XL 10-s 12-lead records", PacemakerBenchmark.Run),
    ("twelve-lead", "twelve-lead [DATA]: the 12-lead statement classifier per 10-s record on one thread (read, prepare, measure, network), PTB-XL 100 Hz and LUDB 500 Hz", TwelveLeadBenchmark.Run),
    ("memory", "memory [--hours H]: peak memory of analysing and downloading a 24-hour 12-lead 250 Hz recording on the real server, against the budgets", MemoryBenchmark.Run),
    ("monitor", "monitor [MITDB] [RECORDS...]: live monitoring engine CPU ms per signal-second per patient (MIT-BIH streamed in 1-s chunks, one thread) and memory per monitor", MonitorBenchmark.Run),
    ("live", "live [MITDB] [PATIENTS...]: how many simulated patients (360 Hz, 2 leads, real time) the embedded profile holds with every frame acknowledged and alert latency p95 < 2 s", LiveLoadBenchmark.Run),
    ("retraining-load", "retraining-load [MITDB] [TRAINER_DLL]: the viewer's window p50/p95 with the server alone and while a beat-model retraining runs as the scheduled job launches it (nice 19, one thread), and the trainer's wall time", RetrainingLoadBenchmark.Run),
    ("onnx", "onnx [N]: the shipped rhythm and beat models through the engine and through ONNX Runtime (their ONNX export), one thread, median ms per inference", OnnxBenchmark.Run),
    ("dicom", "dicom [ROUNDS]: reading the 48 MIT-BIH records as DICOM waveforms vs decoding WFDB 212", DicomBenchmark.Run),
    ("edf-csv", "edf-csv [MITDB] [N]: EDF and CSV write and windowed-read throughput on the first N (8) MIT-BIH records", EdfCsvBenchmark.Run),
    ("aecg", "aecg [MITDB] [N]: HL7 aECG read throughput (open, whole record, annotations) against WFDB 212 decoding on the MIT-BIH records (all 48)", AecgBenchmark.Run),
    ("scp", "scp [MITDB] [SECONDS]: SCP-ECG read throughput (Huffman and 16-bit) on the first SECONDS (60) of all 48 MIT-BIH records against WFDB 212", ScpBenchmark.Run),
    ("digitize", "digitize [PTBXL] [N] [PX_PER_MM]: the paper-ECG digitiser's time per image on one core per degradation level (clean, scan, phone), PTB-XL fold-9 records printed 3x4; render and degrade excluded", DigitizeBenchmark.Run),
    ("cli-vs-wfdb", "cli-vs-wfdb [MITDB] [--runs 5] [--tools DIR] [--einthoven-only]: the published einthoven against WFDB's gqrs and rdsamp, one process per record, paired and interleaved (CPU ratios, both detectors' Se/+P), and detect over the database in one process; bench/wfdb/setup.sh builds the tools", CliVsWfdbBenchmark.Run),
    ("fhir", "fhir [MITDB] [SECONDS]: FHIR ECG Observation (JSON) read throughput on the first SECONDS (60) of all 48 MIT-BIH records against WFDB 212", FhirBenchmark.Run),
};

if (args.Length == 0 || args[0] is "-h" or "--help" || benchmarks.All(b => b.Name != args[0]))
{
    Console.WriteLine("usage: Einthoven.Bench NAME [args]\n");
    foreach (var b in benchmarks) Console.WriteLine($"  {b.Help}");
    return args.Length == 0 || args[0] is "-h" or "--help" ? 0 : 1;
}
return benchmarks.First(b => b.Name == args[0]).Run(args[1..]);
