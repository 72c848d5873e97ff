// expect: IXR5001 at 2
var x = 1
Assert(x == 1, "x");
