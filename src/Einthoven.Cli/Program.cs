Console.WriteLine("einthoven");
