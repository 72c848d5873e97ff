// expect: IXR5001 at 2
var x = undefinedThing + 1;
