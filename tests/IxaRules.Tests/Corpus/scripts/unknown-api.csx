// expect: IXR5001 at 2
var r = Rule("../../../../rules/ird.ixr");
