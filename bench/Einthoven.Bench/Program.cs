if (args is ["wfdb", ..]) Einthoven.Bench.WfdbDecodeBench.Run();
else Console.WriteLine("bench");
