using OpenCvSharp;
using Veil.Vision.Regions;
using Veil.Vision.Tracking;

namespace Veil.Vision.Tests.Support;

/// <summary>
/// What a planner looks at on the second frame of a grey 720p picture once <paramref name="draw"/>
/// has painted on it (something moved in there), with the given tracks expected on that frame.
/// </summary>
internal static class ChangePlan
{
    public static LookPlan After(Action<Mat> draw, List<PredictedBox> faces, List<PredictedBox> plates)
    {
        using var grey = new Mat(720, 1280, MatType.CV_8UC3, Scalar.All(90));
        using var moved = grey.Clone();
        draw(moved);
        using var first = new TestFrame(grey);
        using var second = new TestFrame(moved);
        var planner = new LookPlanner(netFrames: 16);
        var plan = new LookPlan();
        planner.Plan(first.Planes, 0, [], [], plan);
        planner.Plan(second.Planes, 1, faces, plates, plan);
        return plan;
    }
}
