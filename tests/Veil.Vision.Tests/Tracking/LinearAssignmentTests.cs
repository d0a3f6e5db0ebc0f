using Veil.Vision.Tracking;

namespace Veil.Vision.Tests.Tracking;

public sealed class LinearAssignmentTests
{
    [Fact]
    public void Finds_the_optimum_where_greedy_does_not()
    {
        // Greedy takes the cheapest pair (0,0) and is left with 0.9; the optimum crosses.
        double[] cost = [0.10, 0.20,
                         0.15, 0.90];
        var rowToCol = new int[2];

        new LinearAssignment().Solve(cost, 2, 2, limit: 1, rowToCol);

        Assert.Equal([1, 0], rowToCol);
    }

    [Fact]
    public void Leaves_pairs_above_the_limit_unassigned()
    {
        double[] cost = [0.3, 0.95,
                         0.99, 0.97];
        var rowToCol = new int[2];

        new LinearAssignment().Solve(cost, 2, 2, limit: 0.8, rowToCol);

        Assert.Equal([0, -1], rowToCol);
    }

    /// <summary>Against every partial matching, with an unmatched row or column costing half the limit (lapjv's extension).</summary>
    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 5)]
    [InlineData(5, 2)]
    [InlineData(4, 4)]
    [InlineData(5, 6)]
    [InlineData(6, 5)]
    public void Matches_brute_force_on_random_rectangles(int rows, int cols)
    {
        var random = new Random(rows * 31 + cols);
        var solver = new LinearAssignment(); // reused across sizes on purpose: buffers must not leak state
        for (int trial = 0; trial < 200; trial++)
        {
            var cost = new double[rows * cols];
            for (int i = 0; i < cost.Length; i++) cost[i] = random.NextDouble() < 0.3 ? 1.0 : random.NextDouble();
            double limit = 0.8;
            var rowToCol = new int[rows];

            solver.Solve(cost, rows, cols, limit, rowToCol);

            var assigned = rowToCol.Where(c => c >= 0).ToArray();
            Assert.Equal(assigned.Length, assigned.Distinct().Count());
            Assert.All(Enumerable.Range(0, rows), r => Assert.True(rowToCol[r] < 0 || cost[r * cols + rowToCol[r]] <= limit));
            Assert.Equal(BruteForce(cost, rows, cols, limit), Objective(cost, rows, cols, limit, rowToCol), 9);
        }
    }

    private static double Objective(double[] cost, int rows, int cols, double limit, int[] rowToCol)
    {
        int matched = rowToCol.Count(c => c >= 0);
        double sum = Enumerable.Range(0, rows).Where(r => rowToCol[r] >= 0).Sum(r => cost[r * cols + rowToCol[r]]);
        return sum + limit / 2 * (rows - matched + cols - matched);
    }

    private static double BruteForce(double[] cost, int rows, int cols, double limit)
    {
        var assign = new int[rows];
        var used = new bool[cols];
        double best = double.PositiveInfinity;
        void Go(int r)
        {
            if (r == rows)
            {
                best = Math.Min(best, Objective(cost, rows, cols, limit, assign));
                return;
            }
            assign[r] = -1;
            Go(r + 1);
            for (int c = 0; c < cols; c++)
            {
                if (used[c] || cost[r * cols + c] > limit) continue;
                used[c] = true;
                assign[r] = c;
                Go(r + 1);
                used[c] = false;
            }
        }
        Go(0);
        return best;
    }
}
