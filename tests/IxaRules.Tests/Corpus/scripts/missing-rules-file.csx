// expect: failure at 2
var r = Rules("no-such-file.ixr");
