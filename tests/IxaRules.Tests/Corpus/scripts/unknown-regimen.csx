// expect: failure at 3
var r = Rules("../../../../rules/ird.ixr");
var reg = r.Regimen("IRD");
