// expect: failure at 4
Check("arithmetic", () =>
{
    Assert(1 + 1 == 3, "1 + 1 is not 3");
});
