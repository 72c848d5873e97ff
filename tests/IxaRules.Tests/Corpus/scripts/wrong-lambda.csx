// expect: IXR5001 at 2
Check("typed", (int x) => { });
