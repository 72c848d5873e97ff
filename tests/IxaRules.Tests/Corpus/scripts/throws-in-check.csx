// expect: failure at 4
Check("boom", () =>
{
    throw new InvalidOperationException("boom");
});
