using Mproc.Coordinator.Scheduling;
using Xunit;

namespace Mproc.Tests.Coordinator.Scheduling;

public sealed class SchedulerTests
{
    public static TheoryData<int, int, int> Shapes()
    {
        var data = new TheoryData<int, int, int>();
        int[] counts = [1, 2, 3, 7, 16, 100, 997, 10_000];
        for (var workers = 1; workers <= 8; workers++)
        {
            foreach (var tests in counts)
            {
                data.Add(workers, tests, (workers * 7919) + tests);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Claim_RandomInterleaving_EveryTestRunsExactlyOnceByItsGrantee(int workers, int tests, int seed)
    {
        var simulation = new SchedulerSimulation(tests, workers, seed);

        simulation.RunToEnd();

        AssertEveryTestRanOnce(simulation, tests);
        Assert.Equal(0, simulation.Scheduler.UnclaimedCount);
    }

    [Fact]
    public void Claim_ManyRandomShapes_EveryTestRunsExactlyOnceByItsGrantee()
    {
        var random = new Random(20260131);
        for (var run = 0; run < 300; run++)
        {
            var workers = random.Next(1, 9);
            var tests = (int)Math.Round(Math.Pow(10_000, random.NextDouble()));
            var simulation = new SchedulerSimulation(tests, workers, random.Next());

            simulation.RunToEnd();

            AssertEveryTestRanOnce(simulation, tests);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Claim_TenThousandTestsTwoWorkers_NeedsFewClaims(int seed)
    {
        var simulation = new SchedulerSimulation(10_000, 2, seed);

        simulation.RunToEnd();

        var claims = simulation.All.Sum(w => w.Claims);
        Assert.InRange(claims, 2, 59);
    }

    [Theory]
    [InlineData(10_000, 2, 2500)]
    [InlineData(10_000, 8, 625)]
    [InlineData(7, 4, 1)]
    [InlineData(1, 8, 1)]
    [InlineData(9, 2, 3)]
    public void Claim_FirstClaim_GrantsCeilingOfTestsOverTwiceTheWorkers(int tests, int workers, int expected)
    {
        var scheduler = new Scheduler(tests, workers);

        var grant = scheduler.ClaimNow(0, 0);

        Assert.Equal([0, expected], grant.Mine);
        Assert.Empty(grant.Taken);
    }

    [Fact]
    public void Claim_OneWorkerWalkingAlone_BatchesShrinkToOneAndNeverZero()
    {
        var scheduler = new Scheduler(1000, 4);
        var sizes = new List<int>();
        var position = 0;
        while (position < 1000)
        {
            var grant = scheduler.ClaimNow(0, position);
            Assert.Equal(position, grant.Mine[0]);
            sizes.Add(grant.MineCount);
            position += grant.MineCount;
        }

        Assert.Equal(125, sizes[0]);
        Assert.Equal(110, sizes[1]);
        Assert.All(sizes, s => Assert.True(s >= 1));
        Assert.All(sizes.Zip(sizes.Skip(1)), pair => Assert.True(pair.Second <= pair.First, $"batch grew from {pair.First} to {pair.Second}"));
        Assert.Equal(1, sizes[^1]);
        Assert.Equal(1000, sizes.Sum());
    }

    [Fact]
    public void Claim_SecondWorker_HearsWhatTheFirstTookAndGetsTheNextShare()
    {
        var scheduler = new Scheduler(100, 2);

        var first = scheduler.ClaimNow(0, 0);
        var second = scheduler.ClaimNow(1, 0);
        var third = scheduler.ClaimNow(0, 25);

        Assert.Equal([0, 25], first.Mine);
        Assert.Equal([25, 19], second.Mine);
        Assert.Equal([0, 25], second.Taken);
        Assert.Equal([44, 14], third.Mine);
        Assert.Equal([25, 19], third.Taken);
        Assert.False(third.QueueEmpty);
    }

    [Fact]
    public void Claim_TakenNews_IsNotRepeatedOnTheNextClaim()
    {
        var scheduler = new Scheduler(100, 2);
        scheduler.ClaimNow(0, 0);
        scheduler.ClaimNow(1, 0);

        var again = scheduler.ClaimNow(1, 44);

        Assert.Empty(again.Taken);
    }

    [Fact]
    public void Claim_PositionTakenByAnother_GrantsFromTheNextUnclaimedTest()
    {
        var scheduler = new Scheduler(10, 1);
        scheduler.ClaimNow(0, 0);

        var grant = scheduler.ClaimNow(1, 2);

        Assert.Equal([5, 3], grant.Mine);
        Assert.Equal([0, 5], grant.Taken);
    }

    [Fact]
    public void Claim_LastTestGranted_SaysQueueEmpty()
    {
        var scheduler = new Scheduler(2, 1);

        var first = scheduler.ClaimNow(0, 0);
        var second = scheduler.ClaimNow(0, 1);

        Assert.False(first.QueueEmpty);
        Assert.Equal([1, 1], second.Mine);
        Assert.True(second.QueueEmpty);
    }

    [Fact]
    public void Claim_NothingLeftAtOrAfterPosition_GrantsNothingAndSaysQueueEmpty()
    {
        var scheduler = new Scheduler(4, 1);
        scheduler.ClaimNow(0, 0);
        scheduler.ClaimNow(0, 2);
        scheduler.ClaimNow(0, 3);

        var grant = scheduler.ClaimNow(1, 1);

        Assert.Empty(grant.Mine);
        Assert.Equal([0, 2, 2, 1, 3, 1], grant.Taken);
        Assert.True(grant.QueueEmpty);
    }

    [Fact]
    public void Claim_UnclaimedTestOnlyBehindPosition_StillSaysQueueEmpty()
    {
        var scheduler = new Scheduler(10, 1);
        scheduler.ClaimNow(0, 0);
        scheduler.ClaimNow(1, 5);
        scheduler.Release([1]);

        var grant = scheduler.ClaimNow(1, 8);

        Assert.Equal([8, 2], grant.Mine);
        Assert.True(grant.QueueEmpty);
        Assert.Equal(-1, scheduler.OwnerOf(1));
    }

    [Fact]
    public void Claim_UnclaimedTestAfterPosition_DoesNotSayQueueEmpty()
    {
        var scheduler = new Scheduler(10, 4);

        var grant = scheduler.ClaimNow(0, 0);

        Assert.Equal([0, 2], grant.Mine);
        Assert.False(grant.QueueEmpty);
    }

    [Fact]
    public void Release_DeadWorkersTests_NewClaimantFromZeroTakesThem()
    {
        var scheduler = new Scheduler(10, 1);
        scheduler.ClaimNow(0, 0);

        scheduler.Release([2, 3, 4]);
        var grant = scheduler.ClaimNow(1, 0);

        Assert.Equal([2, 4], grant.Mine);
        Assert.Equal([0, 2], grant.Taken);
        Assert.Equal(1, scheduler.OwnerOf(2));
    }

    [Fact]
    public void Release_OtherClaimantsTaken_NeverIncludesReleasedTests()
    {
        var scheduler = new Scheduler(20, 2);
        scheduler.ClaimNow(0, 0);

        scheduler.Release([1, 2]);
        var grant = scheduler.ClaimNow(1, 10);

        Assert.Equal([0, 1, 3, 2], grant.Taken);
        Assert.Equal([10, 5], grant.Mine);
    }

    [Fact]
    public void Release_AlreadyUnclaimedOrRepeated_CountsEachTestOnce()
    {
        var scheduler = new Scheduler(10, 1);
        scheduler.ClaimNow(0, 0);

        scheduler.Release([3, 3, 7]);

        Assert.Equal(6, scheduler.UnclaimedCount);
        Assert.Equal(-1, scheduler.OwnerOf(3));
        Assert.Equal(0, scheduler.OwnerOf(4));
    }

    [Theory]
    [InlineData(2, 100, 11)]
    [InlineData(3, 1000, 12)]
    [InlineData(8, 10_000, 13)]
    [InlineData(4, 37, 14)]
    [InlineData(1, 500, 15)]
    public void Release_WorkerDiesMidRun_ReplacementFromZeroRunsWhatWasLost(int workers, int tests, int seed)
    {
        var random = new Random(seed);
        for (var run = 0; run < 20; run++)
        {
            var simulation = new SchedulerSimulation(tests, workers, random.Next());
            var killAfter = random.Next(0, tests * workers / 2);
            for (var i = 0; i < killAfter && simulation.StepRandom(); i++)
            {
            }

            var victim = simulation.RandomLiveWorker();
            if (victim is not null)
            {
                simulation.Kill(victim);
                foreach (var ordinal in simulation.Released)
                {
                    Assert.Equal(-1, simulation.Scheduler.OwnerOf(ordinal));
                }

                simulation.StartWorker();
            }

            simulation.RunToEnd();

            AssertEveryTestRanOnce(simulation, tests);
        }
    }

    [Fact]
    public void Claim_PositionOutOfRange_Throws()
    {
        var scheduler = new Scheduler(5, 1);

        Assert.Throws<ArgumentOutOfRangeException>(() => scheduler.ClaimNow(0, -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => scheduler.ClaimNow(0, 5));
    }

    [Fact]
    public void Constructor_NoWorkers_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Scheduler(5, 0));
    }

    private static void AssertEveryTestRanOnce(SchedulerSimulation simulation, int tests)
    {
        var ranBy = new int[tests];
        Array.Fill(ranBy, -1);
        foreach (var worker in simulation.All)
        {
            foreach (var ordinal in worker.Ran)
            {
                Assert.True(ranBy[ordinal] == -1, $"test {ordinal} ran on claimant {ranBy[ordinal]} and on {worker.Claimant}");
                ranBy[ordinal] = worker.Claimant;
            }
        }

        for (var o = 0; o < tests; o++)
        {
            Assert.True(ranBy[o] >= 0, $"test {o} never ran ({tests} tests, {simulation.WorkerCount} workers)");
            Assert.Equal(simulation.GrantedTo(o), ranBy[o]);
        }

        foreach (var worker in simulation.All.Where(w => w.Finished))
        {
            Assert.Equal(worker.Granted.Order(), worker.Ran.Order());
        }
    }
}
