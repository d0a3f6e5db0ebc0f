namespace Veil.TestSupport.MovingObjects;

/// <summary>
/// The meter's judgement of one object in one frame. <see cref="Measurable"/> is false when the input itself
/// holds too little detail there to tell (it is then left out of the rates); otherwise <see cref="Leaked"/>
/// says whether enough of the object is still readable in the output.
/// </summary>
public sealed record ObjectFrameVerdict(TruthBox Box, bool Measurable, bool Leaked, int Cells, int InformativeCells, int SurvivingCells, double BestCorrelation);
