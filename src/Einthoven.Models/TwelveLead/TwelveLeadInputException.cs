namespace Einthoven.Models.TwelveLead;

/// <summary>A recording a 12-lead model cannot read (a lead missing, too short, not in volts); the message names what is wrong.</summary>
public sealed class TwelveLeadInputException(string message) : Exception(message);
