// expect: failure at 3
var zero = 0;
var x = 1 / zero;
