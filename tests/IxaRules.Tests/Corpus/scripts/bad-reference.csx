// expect: IXR5001 at 2
#r "nonexistent-library.dll"
var x = 1;
