// expect: IXR5001 at 2
int x = "text";
